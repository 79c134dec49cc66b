package org.picomesh.directory.indexer;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.picomesh.contracts.events.MarketLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Applies batches of events to the derived tables: load what they touch, fold them in, write back. */
@Component
class MarketBatches {
    private static final List<String> ENGINE_ARGS = List.of("engineId", "toEngineId", "fromEngineId");
    private static final List<String> LEASE_ARGS = List.of("leaseId", "fromLeaseId", "toLeaseId");

    private final ProjectionStore store;
    private final EventStore events;
    private final ApplicationEventPublisher publisher;

    MarketBatches(ProjectionStore store, EventStore events, ApplicationEventPublisher publisher) {
        this.store = store;
        this.events = events;
        this.publisher = publisher;
    }

    void apply(List<MarketLog> logs, long confirmedHead) {
        if (logs.isEmpty()) {
            return;
        }
        MarketState state = new MarketState();
        store.load(state, ids(logs, ENGINE_ARGS), ids(logs, LEASE_ARGS));
        logs.forEach(log -> Projector.apply(log, state));
        store.save(state, confirmedHead);
    }

    /** Empties the derived tables and folds every stored event in again; rows start unconfirmed. */
    void rebuild(long fromBlock) {
        store.clear();
        events.replay(page -> apply(page, -1));
        publisher.publishEvent(new IndexRebuilt(fromBlock));
    }

    void confirm(long confirmedHead) {
        store.confirm(confirmedHead);
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
