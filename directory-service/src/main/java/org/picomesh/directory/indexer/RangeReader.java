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
 * Reads the market's logs in block ranges, ahead of the writer. Ranges adapt to hold about 5,000 events, each
 * sized by the latest read when it is asked for; up to {@link #DEPTH} of them are held ahead, read two at a time,
 * so that the node serialises one answer while the other is parsed. The writer takes the {@link #first} range of
 * a transaction and then each {@link #following} one as it arrives, streaming their events into the database
 * while the next are read. Events are made ready for COPY as they are read. Every range carries the header of the
 * block before it, so ranges read on both sides of a reorganisation never meet in one transaction, and read-ahead
 * that no longer continues the checkpoint is dropped.
 */
class RangeReader implements AutoCloseable {
    /** Events a range aims at: big enough to batch well, small enough to overlap reading and writing. */
    static final long TARGET_EVENTS = 5_000;
    private static final long FIRST_RANGE = 10;
    /** Ranges read ahead of the writer. */
    private static final int DEPTH = 10;
    private static final int READERS = 2;
    /** How much smaller than usual the first range read after a pause is. */
    private static final long RAMP = 8;

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
    /** Ranges asked for, in chain order, each read or being read; guarded by {@code this}, as are the fields below. */
    private final Deque<Pending> ahead = new ArrayDeque<>();
    private final long targetEvents;
    /** Blocks a range spans once the ramp is over, learnt from the latest range read. */
    private long blocks;
    /** The last block of the range {@link #blocks} was learnt from: an earlier range ending later teaches nothing. */
    private long sizedBy;
    /** Blocks the next range asked for spans: less than {@link #blocks} while ramping up after a pause. */
    private long rampBlocks;
    /** The last block asked for. */
    private long planned;
    /** Reads asked for and not finished. */
    private int reading;
    /** The head and confirmed head the writer last gave: more ranges are asked for up to them as reads end. */
    private long head;
    private long confirmedHead;
    /** Counts the times the read-ahead was dropped: a read of an earlier generation asks for nothing more. */
    private long generation;

    private record Pending(long from, long to, CompletableFuture<Range> range) {}

    RangeReader(ChainNode node, MarketContracts market, ChainProperties properties) {
        this(node, market, properties, TARGET_EVENTS);
    }

    /** A reader aiming its ranges at {@code targetEvents} events (tests use a handful). */
    RangeReader(ChainNode node, MarketContracts market, ChainProperties properties, long targetEvents) {
        this.node = node;
        this.market = market;
        this.properties = properties;
        this.targetEvents = targetEvents;
        this.blocks = Math.min(FIRST_RANGE, properties.maxBlockRange());
    }

    /**
     * The logs from block {@code from} on (at most {@code head}), continuing the block whose hash is
     * {@code afterHash} (null for the first range): the range read ahead if there is one, else read now, where a
     * failure reaches the caller. Empty when the block before {@code from} is no longer {@code afterHash}: the
     * chain moved under the checkpoint. Reads ahead before returning.
     */
    Optional<Range> first(long from, String afterHash, long head, long confirmedHead) {
        Pending ready = peek();
        if (ready != null && ready.from() != from) {
            forgetReadAhead();
        }
        try {
            Optional<Range> first = Optional.ofNullable(next()).filter(p -> !p.range().isCompletedExceptionally())
                    .map(p -> join(p.range())).filter(r -> r.follows(afterHash));
            if (first.isEmpty()) {
                forgetReadAhead();
                readAhead(from - 1, head, confirmedHead); // the ranges after the first are read meanwhile
                first = Optional.of(join(next().range())).filter(r -> r.follows(afterHash));
                if (first.isEmpty()) {
                    forgetReadAhead();
                }
            }
            first.ifPresent(r -> readAhead(r.to(), head, confirmedHead));
            return first;
        } catch (RuntimeException e) {
            forgetReadAhead();
            throw e;
        }
    }

    /**
     * The range after {@code previous}, waiting for it when it is being read ahead. Empty when {@code previous}
     * reached the head, when the read failed (the node blinked: {@link #first} reads it again), or when the range
     * does not continue {@code previous} (the chain moved: the read-ahead is dropped).
     */
    Optional<Range> following(Range previous, long head, long confirmedHead) {
        readAhead(previous.to(), head, confirmedHead);
        Pending next = peek();
        if (next == null || next.from() != previous.to() + 1) {
            return Optional.empty();
        }
        Range range;
        try {
            range = join(next.range());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!range.follows(previous.last().hash())) {
            forgetReadAhead();
            return Optional.empty();
        }
        next();
        readAhead(range.to(), head, confirmedHead);
        return Optional.of(range);
    }

    /** Stops the reader threads. */
    @Override
    public void close() {
        readers.shutdownNow();
    }

    /** Drops whatever was read ahead: the chain moved, or indexing goes on from elsewhere. */
    synchronized void forgetReadAhead() {
        ahead.forEach(p -> p.range().cancel(false));
        ahead.clear();
        reading = 0;
        generation++;
    }

    private synchronized Pending peek() {
        return ahead.peek();
    }

    /** Takes the next range asked for off the queue. */
    private synchronized Pending next() {
        return ahead.poll();
    }

    /**
     * Asks for the ranges after block {@code after} (or after those already asked for), up to the depth and the
     * head, two reads at a time; each read that ends asks for the next range, sized by what it found. A range's
     * size is so decided when it is asked for, from the latest read, not when the writer takes the range before
     * it: a chain's density changes (a thousand events a block, then a few), and a range planned on stale figures
     * can hold many times the events aimed at, which a node answers in more than proportionate time. With nothing
     * asked for, the writer waits for the first range, so that one is small and the next ones double up to the
     * usual size: the database starts on the first events sooner.
     */
    private synchronized void readAhead(long after, long head, long confirmedHead) {
        this.head = head;
        this.confirmedHead = confirmedHead;
        if (ahead.isEmpty()) {
            planned = after;
            sizedBy = after;
            rampBlocks = Math.max(1, blocks / RAMP);
        }
        askForMore();
    }

    private void askForMore() {
        while (ahead.size() < DEPTH && reading < READERS && planned < head) {
            long from = planned + 1;
            long to = Math.min(head, from + Math.min(rampBlocks, blocks) - 1);
            long readConfirmedHead = confirmedHead;
            long readGeneration = generation;
            ahead.add(new Pending(from, to, CompletableFuture.supplyAsync(() -> {
                Range range = null;
                try {
                    range = read(from, to, readConfirmedHead);
                    return range;
                } finally {
                    readEnded(readGeneration, range);
                }
            }, readers)));
            reading++;
            planned = to;
            rampBlocks = Math.min(blocks, rampBlocks * 2);
        }
    }

    /** A read ended (without a range when it failed): the next ranges are sized by it and asked for. */
    private synchronized void readEnded(long readGeneration, Range range) {
        if (readGeneration != generation) {
            return;
        }
        reading--;
        if (range != null) {
            if (range.to() > sizedBy) {
                blocks = nextBlocks(range);
                sizedBy = range.to();
            }
            askForMore();
        }
    }

    private Range read(long from, long to, long confirmedHead) {
        List<Log> raw = node.logs(List.of(market.registry(), market.escrow()), from, to);
        List<MarketLog> logs = raw.parallelStream().map(EventDecoder.market()::decode).flatMap(Optional::stream).toList();
        Optional<BlockHeader> before = from > 0 ? node.header(from - 1) : Optional.empty();
        return new Range(from, to, logs, EventCopy.of(logs), headers(Math.max(from, confirmedHead + 1), to),
                before);
    }

    /** Aims a range at about {@link #targetEvents} events, within [1, maxBlockRange] blocks. */
    private long nextBlocks(Range range) {
        long blocks = range.blocks();
        long next = range.logs().isEmpty() ? blocks * 2 : blocks * targetEvents / range.logs().size();
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

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
