package org.picomesh.directory.indexer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads the market's logs in block ranges, ahead of the writer. Ranges adapt to hold about 5,000 events; up to
 * {@link #DEPTH} of them are asked for ahead, two at a time, so that the node serialises one answer while the
 * other is parsed. The writer takes the next range together with every following one already read, up to a
 * number of events: while it is slower than the node, its transactions grow and rows touched again and again
 * are written once per transaction. Events are made ready for COPY as they are read. Every range carries the
 * header of the block before it, so ranges read on both sides of a reorganisation are never joined, and
 * read-ahead that no longer continues the checkpoint is dropped.
 */
class RangeReader implements AutoCloseable {
    /** Events a range aims at: big enough to batch well, small enough to overlap reading and writing. */
    private static final long TARGET_EVENTS = 5_000;
    private static final long FIRST_RANGE = 10;
    /** Ranges read ahead of the writer. */
    private static final int DEPTH = 10;
    private static final int READERS = 2;

    /** Logs of blocks [from, to], decoded; headers of its unconfirmed blocks, always including {@code to}'s. */
    record Range(long from, long to, List<MarketLog> logs, EventCopy copy, List<BlockHeader> headers,
            Optional<BlockHeader> before) {
        BlockHeader last() {
            return headers.get(headers.size() - 1);
        }

        /** Whether the block before this range is the one with this hash (any block, when there is none yet). */
        boolean follows(String hash) {
            return hash == null || before.map(b -> b.hash().equals(hash)).orElse(false);
        }

        private long blocks() {
            return to - from + 1;
        }
    }

    private final ChainNode node;
    private final MarketContracts market;
    private final ChainProperties properties;
    /** Two readers: while the node answers one request, the other's answer is parsed. */
    private final ExecutorService readers = Executors.newFixedThreadPool(READERS, r -> {
        Thread reader = new Thread(r, "indexer-reader");
        reader.setDaemon(true);
        return reader;
    });
    /** Ranges asked for, in chain order, each read or being read. */
    private final Deque<Pending> ahead = new ArrayDeque<>();
    /** Blocks the next range asked for spans. */
    private long blocks;

    private record Pending(long from, long to, CompletableFuture<Range> range) {}

    RangeReader(ChainNode node, MarketContracts market, ChainProperties properties) {
        this.node = node;
        this.market = market;
        this.properties = properties;
        this.blocks = Math.min(FIRST_RANGE, properties.maxBlockRange());
    }

    /**
     * The logs from block {@code from} on (at most {@code head}), continuing the block whose hash is
     * {@code afterHash} (null for the first range): one range, joined with the following ones already read while
     * they hold fewer than {@code maxEvents} events in all. Empty when the block before {@code from} is no longer
     * {@code afterHash}: the chain moved under the checkpoint. Reads ahead of what it returns before returning.
     */
    Optional<Range> next(long from, String afterHash, long head, long confirmedHead, long maxEvents) {
        if (!ahead.isEmpty() && ahead.peek().from() != from) {
            forgetReadAhead();
        }
        try {
            // a range whose read failed (the node blinked) is read again here, where a failure reaches the caller
            Optional<Range> first = Optional.ofNullable(ahead.poll()).filter(p -> !p.range().isCompletedExceptionally())
                    .map(p -> join(p.range()));
            if (first.isEmpty() || !first.get().follows(afterHash)) {
                forgetReadAhead();
                first = Optional.of(read(from, Math.min(head, from + blocks - 1), confirmedHead))
                        .filter(r -> r.follows(afterHash));
                if (first.isEmpty()) {
                    return first;
                }
            }
            List<Range> taken = new ArrayList<>(List.of(first.get()));
            long events = first.get().logs().size();
            while (events < maxEvents && !ahead.isEmpty() && ahead.peek().range().isDone()
                    && !ahead.peek().range().isCompletedExceptionally()) {
                Range following = join(ahead.poll().range());
                if (!following.follows(taken.get(taken.size() - 1).last().hash())) {
                    forgetReadAhead();
                    break;
                }
                taken.add(following);
                events += following.logs().size();
            }
            Range last = taken.get(taken.size() - 1);
            blocks = nextBlocks(last);
            readAhead(last.to(), head, confirmedHead);
            return Optional.of(taken.size() == 1 ? last : joined(taken));
        } catch (RuntimeException e) {
            forgetReadAhead();
            throw e;
        }
    }

    /** Stops the reader threads. */
    @Override
    public void close() {
        readers.shutdownNow();
    }

    /** Drops whatever was read ahead: the chain moved, or indexing goes on from elsewhere. */
    void forgetReadAhead() {
        ahead.forEach(p -> p.range().cancel(false));
        ahead.clear();
    }

    /** Asks for the ranges after block {@code after}, up to the depth and the head. */
    private void readAhead(long after, long head, long confirmedHead) {
        long planned = ahead.isEmpty() ? after : ahead.peekLast().to();
        while (ahead.size() < DEPTH && planned < head) {
            long from = planned + 1;
            long to = Math.min(head, from + blocks - 1);
            ahead.add(new Pending(from, to, CompletableFuture.supplyAsync(() -> read(from, to, confirmedHead), readers)));
            planned = to;
        }
    }

    private Range read(long from, long to, long confirmedHead) {
        List<Log> raw = node.logs(List.of(market.registry(), market.escrow()), from, to);
        List<MarketLog> logs = raw.parallelStream().map(EventDecoder.market()::decode).flatMap(Optional::stream).toList();
        Optional<BlockHeader> before = from > 0 ? node.header(from - 1) : Optional.empty();
        return new Range(from, to, logs, EventCopy.of(logs, confirmedHead), headers(Math.max(from, confirmedHead + 1), to),
                before);
    }

    /** Aims a range at about {@link #TARGET_EVENTS} events, within [1, maxBlockRange] blocks. */
    private long nextBlocks(Range range) {
        long blocks = range.blocks();
        long next = range.logs().isEmpty() ? blocks * 2 : blocks * TARGET_EVENTS / range.logs().size();
        return Math.max(1, Math.min(properties.maxBlockRange(), Math.max(next, blocks / 4)));
    }

    /** Headers of the blocks in [from, to], always including {@code to} itself. */
    private List<BlockHeader> headers(long from, long to) {
        List<BlockHeader> headers = new ArrayList<>();
        for (long n = Math.min(from, to); n <= to; n++) {
            long number = n;
            headers.add(node.header(number).orElseThrow(() -> new NodeUnavailableException(
                    "eth_getBlockByNumber(" + number + ")", 1, new IllegalStateException("the node has no such block"))));
        }
        return headers;
    }

    private static Range joined(List<Range> ranges) {
        List<MarketLog> logs = new ArrayList<>();
        List<BlockHeader> headers = new ArrayList<>();
        for (Range r : ranges) {
            logs.addAll(r.logs());
            headers.addAll(r.headers());
        }
        Range first = ranges.get(0);
        return new Range(first.from(), ranges.get(ranges.size() - 1).to(), logs,
                EventCopy.joined(ranges.stream().map(Range::copy).toList()), headers, first.before());
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
