package org.picomesh.contracts.follow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Ranges read ahead of the caller, in chain order, by reader threads: while the node answers one request the
 * other's answer is decoded, and the caller writes the ranges already read. Each read that ends asks for the next
 * range, sized by what it found. A range is handed over only when it continues what the caller has, so ranges read
 * on both sides of a reorganisation never meet; read-ahead that no longer continues is dropped. Without readers,
 * each range is read when asked for, on the caller's thread.
 */
final class Pipeline implements AutoCloseable {
    private final RangeRead reader;
    private final RangeSizer sizer;
    private final ReadAhead settings;
    private final ExecutorService readers;
    /** Ranges asked for, in chain order, each read or being read; guarded by {@code this}, as are the fields below. */
    private final Deque<Pending> ahead = new ArrayDeque<>();
    /** The last block asked for. */
    private long planned;
    /** Reads asked for and not finished. */
    private int reading;
    /** The newest block ranges are read up to: more are asked for up to it as reads end. */
    private long readTo;
    /** Counts the times the read-ahead was dropped: a read of an earlier generation asks for nothing more. */
    private long generation;

    private record Pending(long from, CompletableFuture<Optional<Range>> range) {}

    Pipeline(RangeRead reader, RangeSizer sizer, ReadAhead settings) {
        this.reader = reader;
        this.sizer = sizer;
        this.settings = settings;
        this.readers = settings.enabled() ? Executors.newFixedThreadPool(settings.readers(), r -> {
            Thread thread = new Thread(r, "log-follower-reader");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /**
     * The range from block {@code from} on, up to {@code readTo} at most, continuing {@code after}: the one read
     * ahead if it is usable, else read now (a failure reaches the caller). Nothing when the chain moved under the
     * read. Asks for the ranges after it meanwhile.
     */
    Optional<Range> first(long from, Optional<ChainPosition> after, long readTo) {
        synchronized (this) {
            this.readTo = readTo;
        }
        if (readers == null) {
            sizer.restart(from - 1);
            return reader.read(from, Math.min(readTo, from + sizer.next() - 1)).filter(r -> r.follows(after));
        }
        Pending ready = peek();
        if (ready != null && (ready.from() != from || ready.range().isCompletedExceptionally())) {
            forget();
        }
        try {
            askFor(from - 1);
            Optional<Range> first = join(take().range()).filter(r -> r.follows(after));
            if (first.isEmpty()) {
                forget();
            } else {
                askFor(first.get().end().number());
            }
            return first;
        } catch (RuntimeException e) {
            forget();
            throw e;
        }
    }

    /**
     * The range after {@code previous}, waiting for it while it is read. Nothing when {@code previous} reached the
     * block ranges are read up to, when the read failed (the node blinked: {@link #first} reads it again), or when
     * the range does not continue {@code previous} (the chain moved: the read-ahead is dropped).
     */
    Optional<Range> following(ChainPosition previous) {
        if (readers == null) {
            long from = previous.number() + 1;
            return from > readTo() ? Optional.empty() : reader.read(from, Math.min(readTo(), from + sizer.next() - 1))
                    .filter(r -> r.follows(Optional.of(previous)));
        }
        askFor(previous.number());
        Pending next = peek();
        if (next == null || next.from() != previous.number() + 1) {
            return Optional.empty();
        }
        Optional<Range> range;
        try {
            range = join(next.range());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (range.isEmpty() || !range.get().follows(Optional.of(previous))) {
            forget();
            return Optional.empty();
        }
        take();
        askFor(range.get().end().number());
        return range;
    }

    /** Drops whatever was read ahead: the chain moved, or following goes on from elsewhere. */
    synchronized void forget() {
        ahead.forEach(p -> p.range().cancel(false));
        ahead.clear();
        reading = 0;
        generation++;
    }

    @Override
    public void close() {
        if (readers != null) {
            readers.shutdownNow();
        }
    }

    private synchronized long readTo() {
        return readTo;
    }

    private synchronized Pending peek() {
        return ahead.peek();
    }

    private synchronized Pending take() {
        return ahead.poll();
    }

    /** Asks for ranges after block {@code after} (or after those already asked for), up to {@link #readTo}. */
    private synchronized void askFor(long after) {
        if (ahead.isEmpty()) {
            planned = after;
            sizer.restart(after);
        }
        askForMore();
    }

    private void askForMore() {
        while (ahead.size() < settings.depth() && reading < settings.readers() && planned < readTo) {
            long from = planned + 1;
            long to = Math.min(readTo, from + sizer.next() - 1);
            long readGeneration = generation;
            ahead.add(new Pending(from, CompletableFuture.supplyAsync(() -> {
                boolean read = false;
                try {
                    Optional<Range> range = reader.read(from, to);
                    read = range.isPresent();
                    return range;
                } finally {
                    readEnded(readGeneration, read);
                }
            }, readers)));
            reading++;
            planned = to;
        }
    }

    /** A read ended: unless it failed or found the chain moving, the next ranges are asked for. */
    private synchronized void readEnded(long readGeneration, boolean read) {
        if (readGeneration != generation) {
            return;
        }
        reading--;
        if (read) {
            askForMore();
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
