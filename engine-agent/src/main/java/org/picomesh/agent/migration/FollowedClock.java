package org.picomesh.agent.migration;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The chain's clock as the follower last read it (its latest block's time, announced with every follow): the move
 * worker's expiry checks use it instead of asking the node before every step. A reading is never ahead of the
 * chain's clock, so a move is never taken for expired too early; one older than {@link #FRESH} is not used (a
 * follower that stopped must not keep a move from expiring), and an expiry is noticed at most that much later.
 */
final class FollowedClock {
    static final Duration FRESH = Duration.ofSeconds(2);

    private volatile long chainTime = -1;
    private volatile long readAtNanos;

    void followed(long chainTime) {
        this.readAtNanos = System.nanoTime();
        this.chainTime = chainTime;
    }

    /** The latest block's time (unix seconds) if the follower read it within {@link #FRESH}. */
    OptionalLong recent() {
        long time = chainTime;
        if (time < 0 || System.nanoTime() - readAtNanos > FRESH.toNanos()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(time);
    }
}
