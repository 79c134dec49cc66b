package org.picomesh.contracts.follow;

import java.util.Locale;
import java.util.Objects;

/**
 * A block, by number and hash: a follower's checkpoint, or a block whose hash the caller keeps to notice a
 * reorganisation. Hashes are compared lower-case.
 */
public record ChainPosition(long number, String hash) {
    public ChainPosition {
        if (number < 0) {
            throw new IllegalArgumentException("a block number is never negative: " + number);
        }
        hash = Objects.requireNonNull(hash, "hash").toLowerCase(Locale.ROOT);
    }
}
