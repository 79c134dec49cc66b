package org.picomesh.directory.engines;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.picomesh.contracts.placement.Candidate;
import org.picomesh.directory.indexer.IndexerStatus;
import org.picomesh.directory.indexer.MarketIndexed;
import org.picomesh.directory.probes.EnginesMeasured;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Every engine in memory, for lists and placement: a query no one asked before is answered from a {@link Listing}
 * without reaching the database.
 *
 * <p>Kept current by this instance's writers: once the indexer committed a transaction ({@link MarketIndexed}) or
 * a batch of probes committed ({@link EnginesMeasured}), the rows they wrote are read again on the committing
 * thread before it goes on, so a list read after that thread's next step sees them; a read racing the commit sees
 * the previous listing for the few milliseconds those rows take to read. Changes written by another instance (a
 * standby's view of the active indexer) are seen at the next full read, at most {@code picomesh.api.list-refresh}
 * (1 s) after the previous one, done in the background while reads go on with the listing they have.
 */
@Component
public class EngineIndex {
    private static final Logger log = LoggerFactory.getLogger(EngineIndex.class);

    private final ListingQueries queries;
    private final FullReads fullReads;
    private final AtomicReference<Listing> current = new AtomicReference<>();
    /**
     * Sorts again, off the writer's thread, the orders a new listing could not carry over from the previous one (the
     * score order once the market's highest price or stake moved: every score changes): the indexer goes on, and a
     * reader asking for such an order meanwhile waits for this sort instead of doing its own.
     */
    private final ExecutorService sorter = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "engine-index-sort");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    EngineIndex(JdbcTemplate jdbc, IndexerStatus status, @Value("${picomesh.api.list-refresh:1s}") Duration refresh,
            @Value("${picomesh.api.list-refresh-indexing:1m}") Duration indexingRefresh) {
        this(jdbc, refresh, indexingRefresh, () -> status.role() == IndexerStatus.Role.INDEXING);
    }

    /** An index that reads every row again each {@code refresh}, as a standby's does. */
    EngineIndex(JdbcTemplate jdbc, Duration refresh) {
        this(jdbc, refresh, refresh, () -> false);
    }

    EngineIndex(JdbcTemplate jdbc, Duration refresh, Duration indexingRefresh, BooleanSupplier indexing) {
        this.queries = new ListingQueries(jdbc);
        this.fullReads = new FullReads(refresh, indexingRefresh, indexing);
    }

    /** Every engine's placement figures, by id. */
    public List<Candidate> candidates() {
        return listing().candidates();
    }

    EngineSearch.Page search(EngineQuery query) {
        return ListingSearch.search(listing(), query);
    }

    Listing listing() {
        Listing listing = current.get();
        if (listing == null) {
            return first();
        }
        fullReads.startIfDue(listing, this::readAll);
        return listing;
    }

    /** Whether every row is to be read again ({@link FullReads#due}). */
    boolean due(Listing listing) {
        return fullReads.due(listing);
    }

    @EventListener
    void indexed(MarketIndexed indexed) {
        updating(() -> {
            if (indexed.everything()) {
                readAll();
            } else {
                reread(indexed.engines(), indexed.marketRows());
            }
        });
    }

    @TransactionalEventListener(fallbackExecution = true)
    void measured(EnginesMeasured measured) {
        updating(() -> reread(measured.engines(), false));
    }

    /** A failed update never fails the writer, whose work is committed: lists catch up at the next full read. */
    private void updating(Runnable update) {
        try {
            update.run();
        } catch (RuntimeException e) {
            log.warn("updating the in-memory engine index failed; lists catch up within the refresh period: {}",
                    e.toString());
        }
    }

    private synchronized Listing first() {
        Listing listing = current.get();
        return listing != null ? listing : readAll();
    }

    /**
     * Reads every row, under the lock every change takes: a change committed while this read ran waits for it and
     * is applied on top, so no committed change is ever replaced by an older read.
     */
    private synchronized Listing readAll() {
        boolean indexingNow = fullReads.beginning();
        List<ListedEngine> rows = queries.all();
        Listing listing = publish(rows, queries.trustLists(), System.nanoTime());
        fullReads.read(indexingNow);
        return listing;
    }

    /**
     * Reads these engines' rows again (a row gone is dropped), with the confirmed head and minimum stake, and the
     * trust lists when {@code lists} may have changed.
     */
    private synchronized void reread(Collection<Long> engines, boolean lists) {
        Listing base = current.get();
        if (base == null) {
            return; // nothing read yet: the first read will see it all
        }
        Set<Long> changed = Set.copyOf(engines);
        List<ListedEngine> rows = new ArrayList<>(base.rows.length + changed.size());
        for (ListedEngine row : base.rows) {
            if (!changed.contains(row.id())) {
                rows.add(row);
            }
        }
        if (!changed.isEmpty()) {
            queries.reread(changed, rows);
        }
        publish(rows, lists ? queries.trustLists() : base.trustLists, base.takenAt);
    }

    /**
     * Makes these rows the current listing; {@code takenAt} is when every row was last read. What the current
     * listing computed for rows that did not change is carried over ({@link Listing}).
     */
    private Listing publish(Collection<ListedEngine> rows, Map<Long, Set<Long>> trustLists, long takenAt) {
        ListingQueries.Market market = queries.market();
        Listing previous = current.get();
        Listing listing;
        if (previous == null) {
            listing = new Listing(rows, market.head(), market.minStake(), trustLists, queries.folding(), takenAt);
        } else {
            // the same lists read again: the same object, so that the rows on each list are known already
            Map<Long, Set<Long>> lists = trustLists.equals(previous.trustLists) ? previous.trustLists : trustLists;
            listing = new Listing(previous, rows, market.head(), market.minStake(), lists, takenAt);
        }
        current.set(listing);
        if (listing.ordersPending()) {
            sorter.execute(() -> updating(() -> current.get().prepareOrders()));
        }
        return listing;
    }
}
