package org.picomesh.agent.snapshot;

/** A block whose bytes are not the dag-pb UnixFS file node they should be. */
final class MalformedBlockException extends IllegalArgumentException {
    MalformedBlockException(String message) {
        super(message);
    }
}
