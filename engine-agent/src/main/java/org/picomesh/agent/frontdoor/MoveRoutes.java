package org.picomesh.agent.frontdoor;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.migration.PicoArrived;
import org.picomesh.agent.migration.PicoArriving;
import org.picomesh.agent.migration.PicoLeaving;
import org.picomesh.agent.migration.PicoMovedAway;
import org.picomesh.agent.migration.PicoStayed;
import org.picomesh.agent.migration.PicoTurnedAway;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the route table from the migration's events. Each listener runs in the transaction of the event's publisher
 * (the migration's journal step and the routes commit or roll back together) and changes the in-memory cache at once,
 * so a request that arrives before the commit already queues behind the pico's lock; a rollback restores the cache
 * ({@link RoutePublisher}).
 */
@Component
class MoveRoutes {
    private final PicoRouteRepository routes;
    private final HeldEventRepository events;
    private final RoutePublisher publisher;
    private final AgentProperties properties;
    private final Clock clock;

    MoveRoutes(PicoRouteRepository routes, HeldEventRepository events, RoutePublisher publisher,
            AgentProperties properties) {
        this.routes = routes;
        this.events = events;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @EventListener
    void on(PicoLeaving leaving) {
        change(leaving.pico(), leaving.ecis(), new Route(leaving.pico(), leaving.leaseId(), RouteState.HELD, null, null));
    }

    @EventListener
    void on(PicoMovedAway moved) {
        change(moved.pico(), moved.ecis(), new Route(moved.pico(), moved.leaseId(), RouteState.REPLAYING,
                endpoint(moved.to()), clock.instant().plus(properties.movedGrace())));
    }

    @EventListener
    void on(PicoStayed stayed) {
        change(stayed.pico(), stayed.ecis(), new Route(stayed.pico(), stayed.leaseId(), RouteState.RELEASING, null,
                null));
    }

    @EventListener
    void on(PicoArriving arriving) {
        change(arriving.pico(), arriving.ecis(), new Route(arriving.pico(), arriving.leaseId(), RouteState.ARRIVING,
                null, null), arriving.leaseId());
    }

    @EventListener
    void on(PicoArrived arrived) {
        change(arrived.pico(), arrived.ecis(), new Route(arrived.pico(), arrived.leaseId(), RouteState.RELEASING, null,
                null), arrived.leaseId());
    }

    /**
     * The move here ended without acceptance: the pico's arriving routes of that lease go (its ECIs are the local
     * engine's again, which no longer holds them, or holds them anew when the pico moves here later). An event a
     * caller sent here meanwhile cannot run here, nor be replayed to the source (a replay comes only from the engine a
     * pico moved from): it is closed with the reason, never delivered.
     */
    @EventListener
    void on(PicoTurnedAway away) {
        routes.lock(away.pico());
        Map<String, Route> changes = new LinkedHashMap<>();
        for (String eci : away.ecis()) {
            routes.findById(eci).filter(row -> row.state() == RouteState.ARRIVING
                    && row.route().leaseId() == away.leaseId()).ifPresent(row -> {
                        routes.delete(row);
                        changes.put(eci, null);
                    });
        }
        if (!changes.isEmpty()) {
            events.closePending(away.pico(), away.leaseId(), clock.instant(), "not delivered: the move here ended "
                    + "without acceptance (" + (away.reason() == null ? "rejected" : away.reason())
                    + "); the pico stayed on its source");
        }
        publisher.publish(changes);
    }

    private void change(String pico, Collection<String> ecis, Route route) {
        change(pico, ecis, route, null);
    }

    /** {@code arrivedFrom}: the lease the pico moves here from, when it does (else the row keeps what it had). */
    private void change(String pico, Collection<String> ecis, Route route, Long arrivedFrom) {
        routes.lock(pico);
        Instant now = clock.instant();
        Map<String, Route> changes = new LinkedHashMap<>();
        Map<String, PicoRoute> rows = new HashMap<>();
        routes.findByEciIn(ecis).forEach(row -> rows.put(row.eci(), row));
        for (String eci : ecis) {
            PicoRoute row = rows.computeIfAbsent(eci, PicoRoute::new);
            row.set(route, now);
            if (arrivedFrom != null) {
                row.arrivedFrom(arrivedFrom);
            }
            routes.save(row);
            changes.put(eci, route);
        }
        publisher.publish(changes);
    }

    /** The new host's endpoint as the move named it: an http(s) origin, perhaps with a path, nothing else. */
    private static URI endpoint(URI to) {
        String scheme = to == null || to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || to.getHost() == null || to.getRawUserInfo() != null
                || to.getRawQuery() != null || to.getRawFragment() != null) {
            throw new IllegalArgumentException("a moved pico's new host must be an http(s) endpoint without user, "
                    + "query or fragment, not " + to);
        }
        return to;
    }
}
