package org.picomesh.directory.engines;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the {@link EngineIndex} reads every row again, and where: in the background, one read at a time, while lists
 * go on with the listing they have.
 */
final class FullReads {
    private static final Logger log = LoggerFactory.getLogger(FullReads.class);

    private final long refreshNanos;
    private final long indexingRefreshNanos;
    /** Whether this instance is the indexer, the one writer of engine rows (its indexer and its prober). */
    private final BooleanSupplier indexing;
    /** Whether the last full read began while this instance was the indexer. */
    private volatile boolean readWhileIndexing;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "engine-index");
        thread.setDaemon(true);
        return thread;
    });

    FullReads(Duration refresh, Duration indexingRefresh, BooleanSupplier indexing) {
        this.refreshNanos = refresh.toNanos();
        this.indexingRefreshNanos = indexingRefresh.toNanos();
        this.indexing = indexing;
    }

    /** Starts {@code readAll} in the background when {@code listing} is {@link #due} and no full read runs. */
    void startIfDue(Listing listing, Runnable readAll) {
        if (due(listing) && refreshing.compareAndSet(false, true)) {
            refresher.execute(() -> {
                try {
                    readAll.run();
                } catch (RuntimeException e) {
                    log.warn("reading every engine again failed; lists go on with the previous listing: {}",
                            e.toString());
                } finally {
                    refreshing.set(false);
                }
            });
        }
    }

    /**
     * Whether every row is to be read again: each {@code list-refresh} on a standby, whose rows the indexer of
     * another instance writes; on the indexer, whose every write comes with an event, only as a safety net each
     * {@code list-refresh-indexing} (1 min; reading 10,000 rows each second took a quarter of the CPU that lists
     * were given when the machine was busy), once a full read has begun since it became the indexer.
     */
    boolean due(Listing listing) {
        long period = readWhileIndexing && indexing.getAsBoolean() ? indexingRefreshNanos : refreshNanos;
        return System.nanoTime() - listing.takenAt >= period;
    }

    /** Whether this instance is the indexer as a full read begins; {@link #read} once it is done. */
    boolean beginning() {
        return indexing.getAsBoolean();
    }

    /** A full read is done: {@code indexingWhenBegun}, what {@link #beginning} said as it began. */
    void read(boolean indexingWhenBegun) {
        readWhileIndexing = indexingWhenBegun;
    }
}
