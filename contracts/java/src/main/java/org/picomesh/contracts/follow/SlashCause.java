package org.picomesh.contracts.follow;

/** Why an engine's stake was slashed: the registry's {@code SlashCause}, in its order. */
public enum SlashCause {
    /** A challenger's availability challenge went unanswered within the window. */
    UNANSWERED_CHALLENGE,
    /** An arbiter slashed a case. */
    ARBITER;

    /** The cause the contract encoded as {@code code} (its enum's ordinal). */
    static SlashCause of(int code) {
        SlashCause[] causes = values();
        if (code < 0 || code >= causes.length) {
            throw new IllegalArgumentException("unknown SlashCause " + code);
        }
        return causes[code];
    }
}
