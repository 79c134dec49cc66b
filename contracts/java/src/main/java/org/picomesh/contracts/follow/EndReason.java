package org.picomesh.contracts.follow;

/** Why a lease ended: the escrow's {@code EndReason}, in its order. */
public enum EndReason {
    /** Its pico closed it. */
    CLOSED,
    /** Its pico moved to another engine (a new lease carries the rest of the deposit). */
    MOVED,
    /** Its deposit ran out. */
    EXHAUSTED,
    /** Its engine halted. */
    STOPPED;

    /** The reason the contract encoded as {@code code} (its enum's ordinal). */
    static EndReason of(int code) {
        EndReason[] reasons = values();
        if (code < 0 || code >= reasons.length) {
            throw new IllegalArgumentException("unknown EndReason " + code);
        }
        return reasons[code];
    }
}
