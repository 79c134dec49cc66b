package org.picomesh.directory.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.picomesh.contracts.events.MarketLog;
import org.picomesh.directory.chain.BlockHeader;
import org.picomesh.directory.chain.ChainNode;
import org.picomesh.directory.chain.ChainProperties;
import org.picomesh.directory.chain.MarketContracts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mirrors the market's events into PostgreSQL: backfills from the deployment block in bounded ranges, then
 * follows the head. Each transaction writes whole ranges together with the checkpoint, so a crash at any moment
 * resumes with nothing lost or doubled. Before each one it checks that the checkpoint block is still on the
 * node's chain; if not, it forgets everything above the common ancestor and rebuilds. Ranges are read ahead
 * while others are written ({@link RangeReader}).
 */
class Indexer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    /** How far back stored blocks are compared with the node to find a common ancestor. */
    private static final int MAX_REORG_DEPTH = 1_000;

    private final ChainNode node;
    private final MarketContracts market;
    private final ChainProperties properties;
    private final EventStore events;
    private final MarketBatches batches;
    private final TransactionTemplate tx;
    private final IndexerStatus status;
    private final RangeReader reader;
    /** The most events one transaction takes from the ranges already read. */
    private final long maxTransactionEvents;

    Indexer(ChainNode node, MarketContracts market, ChainProperties properties, EventStore events,
            MarketBatches batches, TransactionTemplate tx, IndexerStatus status, long maxTransactionEvents) {
        this.node = node;
        this.market = market;
        this.properties = properties;
        this.events = events;
        this.batches = batches;
        this.tx = tx;
        this.status = status;
        this.reader = new RangeReader(node, market, properties);
        this.maxTransactionEvents = maxTransactionEvents;
    }

    /** Indexes the next ranges. Returns true when caught up with the head (time to wait for new blocks). */
    boolean step() {
        long head = node.headNumber();
        status.head(head);
        Optional<BlockHeader> checkpoint = events.checkpoint();
        if (checkpoint.isPresent() && !onChain(checkpoint.get())) {
            reader.forgetReadAhead();
            reorganise(checkpoint.get().number(), confirmedHead(head));
            return false;
        }
        long from = checkpoint.map(c -> c.number() + 1).orElse(market.startBlock());
        long confirmedHead = confirmedHead(head);
        if (from > head) {
            events.confirm(confirmedHead);
            return true;
        }
        String after = checkpoint.map(BlockHeader::hash).orElse(null);
        Optional<RangeReader.Range> first = reader.first(from, after, head, confirmedHead)
                .filter(r -> consistent(r.logs(), r.headers()));
        if (first.isEmpty()) {
            log.info("the chain moved while reading from block {}; checking again", from);
            reader.forgetReadAhead();
            return false;
        }
        long started = System.nanoTime();
        Written written = tx.execute(t -> write(first.get(), head, confirmedHead));
        status.indexed(written.to(), written.events());
        if (written.events() > 0) {
            log.debug("indexed {} events in blocks {}..{} in {} ms", written.events(), from, written.to(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return written.to() >= head;
    }

    private record Written(long to, int events) {}

    /**
     * Streams the first range and every following one the reader has, up to {@link #maxTransactionEvents}
     * events, into one transaction: each range's events are COPYed while the rows they touch are folded in
     * memory and the next range is awaited; the rows are written once, at the end, with the checkpoint.
     */
    private Written write(RangeReader.Range first, long head, long confirmedHead) {
        MarketState state = new MarketState();
        List<BlockHeader> headers = new ArrayList<>();
        RangeReader.Range range = first;
        int count = 0;
        try {
            while (true) {
                batches.load(range.logs(), state);
                events.startInsert(range.copy());
                batches.project(range.logs(), state);
                headers.addAll(range.headers());
                count += range.logs().size();
                Optional<RangeReader.Range> next = count >= maxTransactionEvents ? Optional.empty()
                        : reader.following(range, head, confirmedHead).filter(r -> consistent(r.logs(), r.headers()));
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
        events.saveBlocks(headers);
        batches.save(state);
        events.saveCheckpoint(range.last(), confirmedHead);
        return new Written(range.to(), count);
    }

    /** Stops reading ahead (Spring calls it when the context closes). */
    @Override
    public void close() {
        reader.close();
    }

    private boolean onChain(BlockHeader checkpoint) {
        return node.header(checkpoint.number()).map(h -> h.hash().equals(checkpoint.hash())).orElse(false);
    }

    /** Finds the newest stored block still on the node's chain, drops everything above it, and rebuilds. */
    private void reorganise(long fromBlock, long confirmedHead) {
        long ancestor = market.startBlock() - 1;
        for (BlockHeader stored : events.blocksDescending(fromBlock, MAX_REORG_DEPTH)) {
            if (onChain(stored)) {
                ancestor = stored.number();
                break;
            }
        }
        long commonAncestor = ancestor;
        log.warn("chain reorganisation below block {}: rewinding to block {} and rebuilding", fromBlock, commonAncestor);
        tx.executeWithoutResult(t -> {
            int dropped = events.deleteAbove(commonAncestor);
            node.header(commonAncestor).ifPresentOrElse(block -> events.saveCheckpoint(block, confirmedHead),
                    events::clearCheckpoint);
            batches.rebuild(commonAncestor);
            log.info("dropped {} events from the abandoned chain", dropped);
        });
    }

    private long confirmedHead(long head) {
        if (properties.confirmations() == 0) {
            return head;
        }
        Optional<BlockHeader> finalized = properties.useFinalizedTag() ? node.finalized() : Optional.empty();
        return finalized.map(BlockHeader::number).orElse(head - properties.confirmations());
    }

    /** Every log in a block we have the header of must carry that header's hash. */
    private static boolean consistent(List<MarketLog> logs, List<BlockHeader> headers) {
        return logs.stream().allMatch(l -> headers.stream()
                .noneMatch(h -> h.number() == l.blockNumber() && !h.hash().equals(l.blockHash())));
    }
}
