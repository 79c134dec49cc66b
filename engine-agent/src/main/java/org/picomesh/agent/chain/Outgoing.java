package org.picomesh.agent.chain;

import java.util.Objects;

/**
 * A transaction the daemon wants mined, as an intent: what it is for ({@code purpose}: a metric tag and the log's
 * word), about what ({@code subject}: a challenge, an engine's leases), to which contract, with what call data. Two
 * intents with the same purpose and subject are the same: a second is refused while the first is still pending, so a
 * transaction a reorganisation put back in the pool is not doubled.
 */
public record Outgoing(String purpose, String subject, String to, String data) {
    public Outgoing {
        Objects.requireNonNull(purpose);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(to);
        Objects.requireNonNull(data);
    }

    String key() {
        return purpose + " " + subject;
    }
}
