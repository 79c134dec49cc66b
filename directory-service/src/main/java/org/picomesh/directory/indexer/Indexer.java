package org.picomesh.directory.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.picomesh.contracts.events.EventDecoder;
import org.picomesh.contracts.events.MarketLog;
import org.picomesh.directory.chain.BlockHeader;
import org.picomesh.directory.chain.ChainNode;
import org.picomesh.directory.chain.ChainProperties;
import org.picomesh.directory.chain.MarketContracts;
import org.picomesh.directory.chain.NodeUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Mirrors the market's events into PostgreSQL: backfills from the deployment block in bounded ranges, then
 * follows the head. Each range is written in one transaction together with the checkpoint, so a crash at any
 * moment resumes with nothing lost or doubled. Before each range it checks that the checkpoint block is still
 * on the node's chain; if not, it forgets everything above the common ancestor and rebuilds. While a range is
 * written, the next is read ahead; ranges adapt to hold about 5,000 events.
 */
class Indexer {
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    /** How far back stored blocks are compared with the node to find a common ancestor. */
    private static final int MAX_REORG_DEPTH = 1_000;
    /** Events a range aims at: big enough to batch well, small enough to overlap reading and writing. */
    private static final long TARGET_EVENTS = 5_000;
    private static final long FIRST_RANGE = 10;

    private final ChainNode node;
    private final MarketContracts market;
    private final ChainProperties properties;
    private final EventStore events;
    private final MarketBatches batches;
    private final TransactionTemplate tx;
    private final IndexerStatus status;
    private final ExecutorService prefetcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "indexer-prefetch");
        thread.setDaemon(true);
        return thread;
    });
    private long range;
    private volatile CompletableFuture<Batch> prefetched;

    Indexer(ChainNode node, MarketContracts market, ChainProperties properties, EventStore events,
            MarketBatches batches, TransactionTemplate tx, IndexerStatus status) {
        this.node = node;
        this.market = market;
        this.properties = properties;
        this.events = events;
        this.batches = batches;
        this.tx = tx;
        this.status = status;
        this.range = Math.min(FIRST_RANGE, properties.maxBlockRange());
    }

    /** Indexes the next range. Returns true when caught up with the head (time to wait for new blocks). */
    boolean step() {
        long head = node.headNumber();
        status.head(head);
        Optional<BlockHeader> checkpoint = events.checkpoint();
        if (checkpoint.isPresent() && !onChain(checkpoint.get())) {
            prefetched = null;
            reorganise(checkpoint.get().number());
            return false;
        }
        long from = checkpoint.map(c -> c.number() + 1).orElse(market.startBlock());
        long confirmedHead = confirmedHead(head);
        if (from > head) {
            tx.executeWithoutResult(t -> batches.confirm(confirmedHead));
            return true;
        }
        Batch batch = takePrefetched(from).orElseGet(() -> fetch(from, Math.min(head, from + range - 1), confirmedHead));
        if (!consistent(batch.logs(), batch.headers())) {
            log.info("the chain moved while reading blocks {}..{}; reading them again", batch.from(), batch.to());
            return false;
        }
        adaptRange(batch.logs().size());
        long next = batch.to() + 1;
        if (next <= head) {
            long nextTo = Math.min(head, next + range - 1);
            prefetched = CompletableFuture.supplyAsync(() -> fetch(next, nextTo, confirmedHead), prefetcher);
        }
        long[] at = new long[4];
        tx.executeWithoutResult(t -> {
            at[0] = System.nanoTime();
            events.insert(batch.logs(), confirmedHead);
            at[1] = System.nanoTime();
            batches.apply(batch.logs(), confirmedHead);
            at[2] = System.nanoTime();
            events.saveBlocks(batch.headers());
            events.saveCheckpoint(batch.headers().get(batch.headers().size() - 1));
            batches.confirm(confirmedHead);
            at[3] = System.nanoTime();
        });
        status.indexed(batch.to(), batch.logs().size());
        if (!batch.logs().isEmpty()) {
            log.debug("indexed {} events in blocks {}..{}: events {} ms, rows {} ms, checkpoint {} ms, commit {} ms",
                    batch.logs().size(), batch.from(), batch.to(), (at[1] - at[0]) / 1_000_000,
                    (at[2] - at[1]) / 1_000_000, (at[3] - at[2]) / 1_000_000, (System.nanoTime() - at[3]) / 1_000_000);
        }
        return batch.to() >= head;
    }

    /** The logs of a range, decoded, with the headers of its unconfirmed blocks (always including the last). */
    private record Batch(long from, long to, List<MarketLog> logs, List<BlockHeader> headers) {}

    private Batch fetch(long from, long to, long confirmedHead) {
        List<Log> raw = node.logs(List.of(market.registry(), market.escrow()), from, to);
        List<MarketLog> logs = raw.parallelStream().map(EventDecoder.market()::decode).flatMap(Optional::stream).toList();
        return new Batch(from, to, logs, headers(Math.max(from, confirmedHead + 1), to));
    }

    /** The range read ahead while the previous one was written, if it starts where indexing goes on. */
    private Optional<Batch> takePrefetched(long from) {
        CompletableFuture<Batch> ahead = prefetched;
        prefetched = null;
        if (ahead == null) {
            return Optional.empty();
        }
        try {
            Batch batch = ahead.join();
            return batch.from() == from ? Optional.of(batch) : Optional.empty();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Aims each range at about {@link #TARGET_EVENTS} events, within [1, maxBlockRange] blocks. */
    private void adaptRange(int eventCount) {
        long next = eventCount == 0 ? range * 2 : range * TARGET_EVENTS / eventCount;
        range = Math.max(1, Math.min(properties.maxBlockRange(), Math.max(next, range / 4)));
    }

    private boolean onChain(BlockHeader checkpoint) {
        return node.header(checkpoint.number()).map(h -> h.hash().equals(checkpoint.hash())).orElse(false);
    }

    /** Finds the newest stored block still on the node's chain, drops everything above it, and rebuilds. */
    private void reorganise(long fromBlock) {
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
            node.header(commonAncestor).ifPresentOrElse(events::saveCheckpoint, events::clearCheckpoint);
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

    /** Headers of the unconfirmed blocks in [from, to], always including {@code to} itself. */
    private List<BlockHeader> headers(long from, long to) {
        List<BlockHeader> headers = new ArrayList<>();
        for (long n = Math.min(from, to); n <= to; n++) {
            long number = n;
            headers.add(node.header(number).orElseThrow(() -> new NodeUnavailableException(
                    "eth_getBlockByNumber(" + number + ")", 1, new IllegalStateException("the node has no such block"))));
        }
        return headers;
    }

    /** Every log in a block we have the header of must carry that header's hash. */
    private static boolean consistent(List<MarketLog> logs, List<BlockHeader> headers) {
        return logs.stream().allMatch(l -> headers.stream()
                .noneMatch(h -> h.number() == l.blockNumber() && !h.hash().equals(l.blockHash())));
    }
}
