package org.picomesh.directory.indexer;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.picomesh.contracts.events.MarketLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Applies events to the derived tables: each batch loads the rows it touches that were not loaded yet and folds
 * its events into them in memory ({@link MarketState}); the rows are written back once, when the transaction ends.
 */
@Component
class MarketBatches {
    private static final List<String> ENGINE_ARGS = List.of("engineId", "toEngineId");
    private static final List<String> LEASE_ARGS = List.of("leaseId", "fromLeaseId", "toLeaseId");

    private final ProjectionStore store;
    private final EventStore events;
    private final ApplicationEventPublisher publisher;

    MarketBatches(ProjectionStore store, EventStore events, ApplicationEventPublisher publisher) {
        this.store = store;
        this.events = events;
        this.publisher = publisher;
    }

    /** Folds the events into the rows they touch: {@link #load} then {@link #project}. */
    void fold(List<MarketLog> logs, MarketState state) {
        load(logs, state);
        project(logs, state);
    }

    /**
     * Loads the rows the events touch that are not in {@code state} yet. Engines and leases whose creation is
     * among the events are not looked up: the contracts never reuse an id, so they are new.
     */
    void load(List<MarketLog> logs, MarketState state) {
        for (MarketLog log : logs) {
            switch (log.name()) {
                case "EngineRegistered" -> state.lookedUpEngines.add(log.id("engineId"));
                case "LeaseOpened" -> state.lookedUpLeases.add(log.id("leaseId"));
                default -> {
                    // refers to rows that may exist already
                }
            }
        }
        store.load(state, ids(logs, ENGINE_ARGS), ids(logs, LEASE_ARGS));
    }

    /** Applies the events to the rows in {@code state}, in memory: no database work. */
    void project(List<MarketLog> logs, MarketState state) {
        logs.forEach(log -> Projector.apply(log, state));
    }

    /** Writes the rows the folded events touched. */
    void save(MarketState state) {
        store.save(state);
    }

    /** Empties the derived tables and folds every stored event in again. */
    void rebuild(long fromBlock) {
        store.clear();
        MarketState state = new MarketState();
        events.replay(page -> fold(page, state));
        save(state);
        publisher.publishEvent(new IndexRebuilt(fromBlock));
    }

    private static Collection<Long> ids(List<MarketLog> logs, List<String> args) {
        Set<Long> ids = new TreeSet<>();
        for (MarketLog log : logs) {
            for (String arg : args) {
                if (log.args().containsKey(arg)) {
                    ids.add(log.id(arg));
                }
            }
        }
        return ids;
    }
}
