package org.picomesh.agent.snapshot;

/** A text or bytes that are not a CID this agent can address: bad multibase, version, codec or hash. */
public final class MalformedCidException extends IllegalArgumentException {
    MalformedCidException(String message) {
        super(message);
    }
}
