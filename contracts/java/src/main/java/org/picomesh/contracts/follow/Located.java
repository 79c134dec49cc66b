package org.picomesh.contracts.follow;

import java.util.Optional;

/**
 * A market event and where it sits on the chain: its block (number and hash), its index among the block's logs
 * and the transaction that emitted it. Block number and log index order events; the block hash says on which
 * branch of the chain they happened.
 */
public record Located<E extends MarketEvent>(E event, long blockNumber, int logIndex, String blockHash, String txHash) {

    /** The event's block, as a follower's checkpoint would name it. */
    public ChainPosition block() {
        return new ChainPosition(blockNumber, blockHash);
    }

    /** This, typed as the given kind of event, or nothing when the event is of another kind. */
    @SuppressWarnings("unchecked")
    public <T extends MarketEvent> Optional<Located<T>> as(Class<T> kind) {
        return kind.isInstance(event) ? Optional.of((Located<T>) this) : Optional.empty();
    }
}
