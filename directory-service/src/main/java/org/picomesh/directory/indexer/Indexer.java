package org.picomesh.directory.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.picomesh.contracts.follow.ChainPosition;
import org.picomesh.contracts.follow.LogFollower;
import org.picomesh.contracts.follow.Step;
import org.picomesh.directory.chain.ChainProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mirrors the market's events into PostgreSQL, as the shared {@link LogFollower} hands them out: backfills from
 * the deployment block, then follows the head. Each transaction writes whole ranges together with the checkpoint
 * and the blocks' hashes, so a crash at any moment resumes with nothing lost or doubled; when the checkpoint left
 * the chain, it forgets every event above the common ancestor and {@link Undo undoes} what their blocks changed, at a
 * cost that follows the reorganisation, not the history. The follower reads ranges ahead while others are written.
 * Every checkpoint write is {@link Fence fenced}: after a takeover, this instance's late writes are refused.
 */
class Indexer {
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);

    private final LogFollower follower;
    private final ChainProperties properties;
    private final EventStore events;
    private final MarketBatches batches;
    private final Undo undo;
    private final TransactionTemplate tx;
    private final IndexerStatus status;
    /** The most events one transaction takes from the ranges already read. */
    private final long maxTransactionEvents;
    /** The deepest reorganisation the follower handles: blocks deeper below the head keep no undo images. */
    private final int maxReorgDepth;
    /**
     * A write that starts this near the head is following it, not backfilling: its blocks lie above any block a
     * node calls finalized (Ethereum's lags its head by 64 to 95 blocks), so the node is not asked for it.
     */
    private static final int FOLLOWING_WINDOW = 32;
    private final ApplicationEventPublisher publisher;

    Indexer(LogFollower follower, ChainProperties properties, EventStore events, MarketBatches batches, Undo undo,
            TransactionTemplate tx, IndexerStatus status, long maxTransactionEvents, int maxReorgDepth,
            ApplicationEventPublisher publisher) {
        this.follower = follower;
        this.properties = properties;
        this.events = events;
        this.batches = batches;
        this.undo = undo;
        this.tx = tx;
        this.status = status;
        this.maxTransactionEvents = maxTransactionEvents;
        this.maxReorgDepth = maxReorgDepth;
        this.publisher = publisher;
    }

    /** Indexes the next ranges. Returns true when caught up with the head (time to wait for new blocks). */
    boolean step() {
        Step step = follower.next(events.checkpoint());
        if (step instanceof Step.AtHead atHead) {
            status.head(atHead.head());
            long confirmedHead = confirmedHead(atHead.head());
            Boolean moved = tx.execute(t -> events.confirm(confirmedHead));
            if (Boolean.TRUE.equals(moved)) {
                publisher.publishEvent(MarketIndexed.headMoved());
            }
            return true;
        }
        if (step instanceof Step.Rewind rewind) {
            rewind(rewind.to());
            return false;
        }
        Step.Events first = (Step.Events) step;
        status.head(first.head());
        long confirmedHead = confirmedHead(first.head());
        long started = System.nanoTime();
        long undoFloor = undoFloor(first);
        Written written = tx.execute(t -> write(first, confirmedHead, undoFloor));
        // the in-memory lists first: whoever sees the new progress then finds it in lists too
        publisher.publishEvent(written.indexed());
        status.indexed(written.to(), written.events());
        if (written.events() > 0) {
            log.debug("indexed {} events in blocks {}..{} in {} ms", written.events(), first.from(), written.to(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return written.to() >= first.head();
    }

    private record Written(long to, int events, MarketIndexed indexed) {}

    /**
     * Streams the first range and every following one the follower has, up to {@link #maxTransactionEvents}
     * events, into one transaction: each range's events are COPYed while the rows they touch are folded in
     * memory and the next range is awaited; the rows are written once, at the end, with the checkpoint.
     */
    private Written write(Step.Events first, long confirmedHead, long undoFloor) {
        MarketState state = new MarketState();
        state.undoFloor = undoFloor;
        List<ChainPosition> blocks = new ArrayList<>();
        Step.Events range = first;
        int count = 0;
        try {
            while (true) {
                batches.load(range.logs(), state);
                events.startInsert(range.prepared(EventCopy.class));
                batches.project(range.logs(), state);
                blocks.addAll(range.blocks());
                count += range.logs().size();
                Optional<Step.Events> next = count >= maxTransactionEvents ? Optional.empty()
                        : follower.following(range);
                events.finishInsert();
                if (next.isEmpty()) {
                    break;
                }
                range = next.get();
            }
        } catch (RuntimeException e) {
            try {
                events.finishInsert(); // the connection must be free again before the rollback
            } catch (RuntimeException copyFailed) {
                e.addSuppressed(copyFailed);
            }
            throw e;
        }
        events.saveBlocks(blocks);
        batches.save(state);
        long to = range.to().number();
        // the blocks of this write at or below the floor kept no images: a rewind below them rebuilds instead
        long uncovered = state.undoFloor >= first.from() ? Math.min(state.undoFloor, to) : -1;
        events.saveCheckpoint(range.to(), confirmedHead, uncovered);
        undo.prune(to - maxReorgDepth);
        boolean rare = !state.parameters.isEmpty() || !state.newLists.isEmpty() || !state.trustChanges.isEmpty();
        return new Written(to, count, MarketIndexed.of(Set.copyOf(state.engines.keySet()), rare));
    }

    /**
     * Drops everything above the common ancestor and undoes what it changed, in one transaction; rebuilds from the
     * whole history instead when the ancestor lies below the blocks with undo images (an index made before them).
     * Lists then read again only the engines put back, as after any write: a reorganisation of a few blocks costs
     * a few rows, whatever the size of the market.
     */
    private void rewind(ChainPosition ancestor) {
        long block = ancestor.number();
        MarketIndexed indexed = tx.execute(t -> {
            if (block >= events.undoSince()) {
                Undo.Rewound rewound = undo.rewind(block);
                int dropped = events.deleteAbove(block);
                // confirmed no further than the ancestor: the next write confirms up to what the head then allows
                events.saveCheckpoint(ancestor, block, -1);
                log.warn("chain reorganisation: rewound to block {}, dropped {} events, put back {} rows", block,
                        dropped, rewound.rows());
                return MarketIndexed.of(rewound.engines(), rewound.marketRows());
            }
            log.warn("chain reorganisation below the undo images: rewinding to block {} and rebuilding", block);
            int dropped = events.deleteAbove(block);
            undo.forgetAbove(block);
            events.saveCheckpoint(ancestor, block, -1);
            batches.rebuild(block);
            events.undoSince(block);
            log.info("dropped {} events from the abandoned chain", dropped);
            return MarketIndexed.all();
        });
        publisher.publishEvent(indexed);
    }

    /**
     * The highest block whose changes keep no undo image: those deeper than the follower's deepest reorganisation, and
     * those at or below the node's finalized block, which no reorganisation can drop (when the finalized tag is used).
     * A backfill far below the head then writes images for the last few dozen blocks only, not for the last 1,000
     * (on a young chain all of them: 40,000 images for the bench's 50,000 events, half the indexer's profile). A
     * rewind below the floor (a dev chain reorganised below its finalized block) still rebuilds from the whole history.
     */
    private long undoFloor(Step.Events first) {
        long byDepth = first.head() - maxReorgDepth;
        if (!properties.useFinalizedTag() || first.from() > first.head() - FOLLOWING_WINDOW) {
            return byDepth;
        }
        return Math.max(byDepth, follower.finalizedBlock().orElse(byDepth));
    }

    private long confirmedHead(long head) {
        if (properties.confirmations() == 0) {
            return head;
        }
        long byDepth = head - properties.confirmations();
        return properties.useFinalizedTag() ? follower.finalizedBlock().orElse(byDepth) : byDepth;
    }
}
