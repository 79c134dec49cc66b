package org.picomesh.agent.frontdoor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The route table in memory, for the front door's hot path: only ECIs that are moving or moved are in it, so a
 * request for any other ECI costs one lookup in an (almost always empty) map and no query. Loaded from the table at
 * start; kept current by {@link RoutePublisher} in the same transactions that change the table.
 */
@Component
class RouteCache {
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    RouteCache(PicoRouteRepository repository) {
        repository.findMoving().forEach(row -> routes.put(row.eci(), row.route()));
    }

    /** Whether no ECI is moving or moved: then every request goes straight to the local engine. */
    boolean quiet() {
        return routes.isEmpty();
    }

    /** The ECI's route, or null when it is live here (or unknown: the engine answers for it). */
    Route get(String eci) {
        return routes.get(eci);
    }

    Map<String, Route> current(Iterable<String> ecis) {
        Map<String, Route> now = new HashMap<>();
        ecis.forEach(eci -> now.put(eci, routes.get(eci)));
        return now;
    }

    /** Applies changes (a null or live route means live here) and wakes the requests waiting for one. */
    void put(Map<String, Route> changes) {
        synchronized (this) {
            changes.forEach((eci, route) -> {
                if (route == null || route.state() == RouteState.LIVE) {
                    routes.remove(eci);
                } else {
                    routes.put(eci, route);
                }
            });
            notifyAll();
        }
    }

    /** Waits until the ECI's route differs from {@code seen} or the deadline passes; the route then. */
    Route await(String eci, Route seen, Instant deadline) throws InterruptedException {
        synchronized (this) {
            while (Objects.equals(routes.get(eci), seen)) {
                long millis = Duration.between(Instant.now(), deadline).toMillis();
                if (millis <= 0) {
                    break;
                }
                wait(millis);
            }
            return routes.get(eci);
        }
    }
}
