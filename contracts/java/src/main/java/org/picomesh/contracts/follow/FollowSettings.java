package org.picomesh.contracts.follow;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.picomesh.contracts.Deployment;

/**
 * What a {@link LogFollower} follows and within which bounds.
 *
 * @param registry the EngineRegistry's address
 * @param escrow the LeaseEscrow's address
 * @param startBlock the first block to read when there is no checkpoint yet (the deployment's block)
 * @param confirmations how many of the newest blocks to hold back: a block is read once it has this many blocks
 *     on top of it (0 reads up to the head)
 * @param maxRange the most blocks one {@code eth_getLogs} asks for; halved, for the follower's lifetime, each time
 *     the node refuses a range as too large
 * @param maxReorgDepth how far below a lost checkpoint to look for a common ancestor before giving up
 * @param backoff how failed and rate-limited requests are retried
 * @param readAhead whether ranges are read ahead of the caller and sized by the events they hold
 */
public record FollowSettings(String registry, String escrow, long startBlock, int confirmations, long maxRange,
        int maxReorgDepth, Backoff backoff, ReadAhead readAhead) {
    public static final long DEFAULT_MAX_RANGE = 1_000;
    public static final int DEFAULT_MAX_REORG_DEPTH = 128;

    public FollowSettings {
        if (startBlock < 0 || confirmations < 0 || maxRange < 1 || maxReorgDepth < 1) {
            throw new IllegalArgumentException("follow settings need startBlock >= 0, confirmations >= 0, maxRange >= 1"
                    + " and maxReorgDepth >= 1: " + startBlock + ", " + confirmations + ", " + maxRange + ", "
                    + maxReorgDepth);
        }
        registry = registry.toLowerCase(Locale.ROOT);
        escrow = escrow.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(readAhead, "readAhead");
    }

    /** Settings that read one range at a time, when asked for ({@link ReadAhead#NONE}). */
    public FollowSettings(String registry, String escrow, long startBlock, int confirmations, long maxRange,
            int maxReorgDepth, Backoff backoff) {
        this(registry, escrow, startBlock, confirmations, maxRange, maxReorgDepth, backoff, ReadAhead.NONE);
    }

    /** The deployment's market from its deployment block, with default range, depth and back-off. */
    public static FollowSettings of(Deployment deployment, int confirmations) {
        return new FollowSettings(deployment.registry(), deployment.escrow(),
                deployment.deploymentBlock().longValueExact(), confirmations, DEFAULT_MAX_RANGE,
                DEFAULT_MAX_REORG_DEPTH, Backoff.DEFAULT);
    }

    public FollowSettings withMaxRange(long maxRange) {
        return new FollowSettings(registry, escrow, startBlock, confirmations, maxRange, maxReorgDepth, backoff,
                readAhead);
    }

    public FollowSettings withMaxReorgDepth(int maxReorgDepth) {
        return new FollowSettings(registry, escrow, startBlock, confirmations, maxRange, maxReorgDepth, backoff,
                readAhead);
    }

    public FollowSettings withBackoff(Backoff backoff) {
        return new FollowSettings(registry, escrow, startBlock, confirmations, maxRange, maxReorgDepth, backoff,
                readAhead);
    }

    public FollowSettings withReadAhead(ReadAhead readAhead) {
        return new FollowSettings(registry, escrow, startBlock, confirmations, maxRange, maxReorgDepth, backoff,
                readAhead);
    }

    List<String> addresses() {
        return List.of(registry, escrow);
    }
}
