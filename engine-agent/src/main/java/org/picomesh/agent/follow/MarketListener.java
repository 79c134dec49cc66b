package org.picomesh.agent.follow;

import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;

/**
 * A feature that keeps state from the market's events (challenges, hosted leases). Called in the follower's
 * transaction, so its changes commit with the checkpoint: each event is applied exactly once.
 */
public interface MarketListener {
    /** Applies one event, in chain order. */
    void apply(Located<MarketEvent> event);

    /** Undoes what the events of every block after {@code block} did: those blocks left the chain. */
    void rewind(long block);
}
