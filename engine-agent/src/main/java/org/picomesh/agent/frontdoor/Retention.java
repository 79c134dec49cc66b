package org.picomesh.agent.frontdoor;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what moves leave behind once it is past its retention ({@link FrontDoorProperties}): settled routes first,
 * pico by pico under the pico's lock, then delivered events in bounded batches (a replayed event only once its route is
 * gone, so a late replay of its key is refused rather than delivered twice).
 */
@Component
class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 1000;
    /** At most this many batches a sweep: the rest waits for the next one. */
    private static final int MAX_BATCHES = 100;

    private final PicoRouteRepository routes;
    private final HeldEventRepository events;
    private final RouteTable table;
    private final TransactionTemplate transactions;
    private final FrontDoorProperties properties;
    private final Clock clock = Clock.systemUTC();

    Retention(PicoRouteRepository routes, HeldEventRepository events, RouteTable table,
            TransactionTemplate transactions, FrontDoorProperties properties) {
        this.routes = routes;
        this.events = events;
        this.table = table;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${picomesh.agent.front-door.purge-interval:1h}",
            initialDelayString = "${picomesh.agent.front-door.purge-interval:1h}")
    void purge() {
        try {
            Instant now = clock.instant();
            int purgedRoutes = purgeRoutes(now.minus(properties.routeRetention()));
            long purgedEvents = purgeEvents(now.minus(properties.deliveredRetention()));
            if (purgedRoutes + purgedEvents > 0) {
                log.info("purged {} settled route(s) and {} delivered event(s) past their retention", purgedRoutes,
                        purgedEvents);
            }
        } catch (RuntimeException e) {
            log.warn("purging settled routes and delivered events failed, will try again: {}", e.toString());
        }
    }

    private int purgeRoutes(Instant before) {
        int purged = 0;
        for (String pico : routes.findPicosSettledBefore(before)) {
            Integer count = transactions.execute(status -> table.purge(pico, before));
            purged += count == null ? 0 : count;
        }
        return purged;
    }

    private long purgeEvents(Instant before) {
        long purged = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            Integer count = transactions.execute(status -> events.deleteDeliveredBefore(before, BATCH));
            purged += count == null ? 0 : count;
            if (count == null || count < BATCH) {
                break;
            }
        }
        return purged;
    }
}
