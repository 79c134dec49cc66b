package org.picomesh.contracts.follow;

import java.util.List;
import java.util.Optional;
import org.picomesh.contracts.events.MarketLog;

/**
 * The market's events in blocks [from, end], all of one branch of the chain: the one where the block before
 * {@code from} is {@code before} (none when {@code from} is block 0).
 */
record Range(long from, ChainPosition end, Optional<ChainPosition> before, List<MarketLog> logs, Object prepared) {

    /** Whether this range continues {@code after} (any block, when there is none: the first range of all). */
    boolean follows(Optional<ChainPosition> after) {
        return after.isEmpty() || before.equals(after);
    }
}
