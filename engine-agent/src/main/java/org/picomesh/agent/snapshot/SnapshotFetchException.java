package org.picomesh.agent.snapshot;

import java.io.IOException;

/**
 * A snapshot that could not be fetched, or whose bytes did not prove to be the CID asked for. Nothing of a failed
 * fetch may be used: the target rejects the move with {@link #reason()}.
 */
public final class SnapshotFetchException extends IOException {
    /** What went wrong. */
    public enum Reason {
        /** The source agent did not answer, or not in time. */
        UNREACHABLE,
        /** It does not have that CID (HTTP 404). */
        NOT_FOUND,
        /** It answered another error status. */
        REFUSED,
        /** The CAR or the file it holds is over the limit. */
        TOO_LARGE,
        /** Not a CARv1, or a section that cannot be read. */
        MALFORMED_CAR,
        /** The CAR's header names another root than the CID asked for. */
        WRONG_ROOT,
        /** A block's bytes do not hash to its CID. */
        TAMPERED_BLOCK,
        /** The CAR ends, or goes on with another block, where the DAG needs a block. */
        MISSING_BLOCK,
        /** Blocks or bytes after the DAG is complete. */
        UNEXPECTED_BLOCK,
        /** Blocks that hash right but are not a UnixFS file (sizes that do not add up, another node type). */
        MALFORMED_DAG
    }

    private final Reason reason;

    SnapshotFetchException(Reason reason, String message) {
        super(message + " (" + reason + ")");
        this.reason = reason;
    }

    SnapshotFetchException(Reason reason, String message, Throwable cause) {
        super(message + " (" + reason + ")", cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
