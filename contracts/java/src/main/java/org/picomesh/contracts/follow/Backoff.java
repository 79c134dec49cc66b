package org.picomesh.contracts.follow;

import java.time.Duration;

/**
 * How a request the node failed or rate-limited is retried: at most {@code attempts} times in all, waiting
 * {@code first}, then twice as long each time, never more than {@code max}.
 */
public record Backoff(int attempts, Duration first, Duration max) {
    /** Eight attempts over about 40 s: rides out a node's restart or a provider's rate-limit window. */
    public static final Backoff DEFAULT = new Backoff(8, Duration.ofMillis(250), Duration.ofSeconds(10));

    public Backoff {
        if (attempts < 1 || first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a back-off needs attempts >= 1 and 0 <= first <= max: "
                    + attempts + ", " + first + ", " + max);
        }
    }

    /** The wait after the given failed attempt (1 for the first). */
    Duration delay(int failedAttempt) {
        Duration delay = first;
        for (int i = 1; i < failedAttempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
