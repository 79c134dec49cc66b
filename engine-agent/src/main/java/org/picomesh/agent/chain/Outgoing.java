package org.picomesh.agent.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A transaction the daemon wants mined, as an intent: what it is for ({@code purpose}: a metric tag and the log's
 * word), about what ({@code subject}: a challenge, an engine's leases), to which contract, with what call data and
 * how much ether ({@code value}, wei: a pico's deposit). Two intents with the same purpose and subject are the same:
 * a second is refused while the first is still pending, so a transaction a reorganisation put back in the pool is not
 * doubled.
 */
public record Outgoing(String purpose, String subject, String to, String data, BigInteger value) {
    public Outgoing {
        Objects.requireNonNull(purpose);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(to);
        Objects.requireNonNull(data);
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException("a transaction's value is zero or more wei");
        }
    }

    /** A call that sends no ether. */
    public Outgoing(String purpose, String subject, String to, String data) {
        this(purpose, subject, to, data, BigInteger.ZERO);
    }

    String key() {
        return purpose + " " + subject;
    }
}
