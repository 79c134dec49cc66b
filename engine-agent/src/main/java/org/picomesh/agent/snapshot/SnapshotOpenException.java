package org.picomesh.agent.snapshot;

import java.io.IOException;

/**
 * A sealed snapshot that does not open: its bytes were altered, cut or extended, it was sealed to another key or for
 * another move, or it is not a sealed snapshot at all. The target rejects the move with {@link #reason()}.
 */
public final class SnapshotOpenException extends IOException {
    /** Why it did not open. */
    public enum Reason {
        /** Not this format: too short for a header, or a header that makes no sense. */
        MALFORMED_HEADER,
        /** A format version or HPKE suite this agent does not know. */
        UNSUPPORTED_FORMAT,
        /** The first chunk fails: sealed to another key or for another move, or its header or first chunk altered. */
        WRONG_KEY_OR_CONTEXT,
        /** A later chunk fails: the key is right, so the bytes were altered or reordered. */
        ALTERED_CHUNK,
        /** It ends before its last chunk. */
        TRUNCATED,
        /** Bytes follow its last chunk. */
        EXTRA_BYTES
    }

    private final Reason reason;
    private final long chunk;

    SnapshotOpenException(Reason reason, long chunk, String message) {
        super(message + " (" + reason + (chunk >= 0 ? ", chunk " + chunk : "") + ")");
        this.reason = reason;
        this.chunk = chunk;
    }

    public Reason reason() {
        return reason;
    }

    /** The chunk that failed, counting from 0; -1 for the header. */
    public long chunk() {
        return chunk;
    }
}
