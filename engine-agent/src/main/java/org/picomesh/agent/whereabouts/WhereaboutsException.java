package org.picomesh.agent.whereabouts;

/** Why a pico could not be placed, in a sentence for whoever asked, and of which kind (for an HTTP status). */
public final class WhereaboutsException extends Exception {
    /** What went wrong. */
    public enum Kind { MALFORMED_DID, UNKNOWN_DID, NO_LEASE, UNVERIFIED, CHAIN_UNREADABLE }

    private final Kind kind;

    WhereaboutsException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
