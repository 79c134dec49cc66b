package org.picomesh.directory.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * on the node's chain; if not, it forgets everything above the common ancestor and rebuilds.
 */
class Indexer {
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

    Indexer(ChainNode node, MarketContracts market, ChainProperties properties, EventStore events,
            MarketBatches batches, TransactionTemplate tx, IndexerStatus status) {
        this.node = node;
        this.market = market;
        this.properties = properties;
        this.events = events;
        this.batches = batches;
        this.tx = tx;
        this.status = status;
    }

    /** Indexes the next range. Returns true when caught up with the head (time to wait for new blocks). */
    boolean step() {
        long head = node.headNumber();
        status.head(head);
        Optional<BlockHeader> checkpoint = events.checkpoint();
        if (checkpoint.isPresent() && !onChain(checkpoint.get())) {
            reorganise(checkpoint.get().number());
            return false;
        }
        long from = checkpoint.map(c -> c.number() + 1).orElse(market.startBlock());
        long confirmedHead = confirmedHead(head);
        if (from > head) {
            tx.executeWithoutResult(t -> batches.confirm(confirmedHead));
            return true;
        }
        long to = Math.min(head, from + properties.maxBlockRange() - 1);
        long started = System.nanoTime();
        List<Log> raw = node.logs(List.of(market.registry(), market.escrow()), from, to);
        long fetched = System.nanoTime();
        List<MarketLog> logs = raw.parallelStream().map(EventDecoder.market()::decode).flatMap(Optional::stream).toList();
        long decoded = System.nanoTime();
        List<BlockHeader> headers = headers(Math.max(from, confirmedHead + 1), to);
        if (!consistent(logs, headers)) {
            log.info("the chain moved while reading blocks {}..{}; reading them again", from, to);
            return false;
        }
        tx.executeWithoutResult(t -> {
            events.insert(logs, confirmedHead);
            batches.apply(logs, confirmedHead);
            events.saveBlocks(headers);
            events.saveCheckpoint(headers.get(headers.size() - 1));
            batches.confirm(confirmedHead);
        });
        status.indexed(to, logs.size());
        if (!logs.isEmpty()) {
            log.debug("indexed {} events in blocks {}..{}: fetch {} ms, decode {} ms, write {} ms", logs.size(), from, to,
                    (fetched - started) / 1_000_000, (decoded - fetched) / 1_000_000, (System.nanoTime() - decoded) / 1_000_000);
        }
        return to >= head;
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
