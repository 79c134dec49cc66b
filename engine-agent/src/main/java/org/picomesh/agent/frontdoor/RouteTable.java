package org.picomesh.agent.frontdoor;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The route table's changes once a move's routes are in ({@link MoveRoutes}): settled when the held events are
 * delivered, reopened for a replay, purged after the retention period. Each runs in its caller's transaction and
 * shows in the in-memory cache at once ({@link RoutePublisher}).
 */
@Component
class RouteTable {
    private final PicoRouteRepository routes;
    private final HeldEventRepository events;
    private final RoutePublisher publisher;
    private final Clock clock;

    RouteTable(PicoRouteRepository routes, HeldEventRepository events, RoutePublisher publisher) {
        this.routes = routes;
        this.events = events;
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
    }

    /** Once a pico's held events are all out: releasing becomes live, replaying becomes moved. In a transaction. */
    void settle(String pico) {
        routes.lock(pico);
        if (events.countPending(pico) > 0) {
            return;
        }
        Map<String, Route> changes = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (PicoRoute row : routes.findByPico(pico)) {
            RouteState next = switch (row.state()) {
                case RELEASING -> RouteState.LIVE;
                case REPLAYING -> RouteState.MOVED;
                default -> null;
            };
            if (next != null) {
                Route route = row.route().to(next);
                row.set(route, now);
                routes.save(row);
                changes.put(row.eci(), route);
            }
        }
        publisher.publish(changes);
    }

    /**
     * A replay came for a pico already live here: its live routes turn releasing again, so that its new events queue
     * behind the replayed ones until they are delivered (then it settles live again). Under the pico's lock.
     */
    void reopen(String pico) {
        Instant now = clock.instant();
        Map<String, Route> changes = new LinkedHashMap<>();
        for (PicoRoute row : routes.findByPico(pico)) {
            if (row.state() == RouteState.LIVE) {
                Route route = row.route().to(RouteState.RELEASING);
                row.set(route, now);
                routes.save(row);
                changes.put(row.eci(), route);
            }
        }
        publisher.publish(changes);
    }

    /**
     * Deletes the pico's routes settled before {@code before} (live since, or moved with the grace over by then),
     * unless it has events to deliver; their ECIs go to the local engine from then on. In a transaction.
     */
    int purge(String pico, Instant before) {
        routes.lock(pico);
        if (events.countPending(pico) > 0) {
            return 0;
        }
        Map<String, Route> changes = new LinkedHashMap<>();
        for (PicoRoute row : routes.findByPico(pico)) {
            Route route = row.route();
            if ((route.state() == RouteState.LIVE && row.changedAt().isBefore(before))
                    || (route.state() == RouteState.MOVED && route.movedUntil().isBefore(before))) {
                routes.delete(row);
                changes.put(row.eci(), null);
            }
        }
        publisher.publish(changes);
        return changes.size();
    }
}
