package org.picomesh.agent.frontdoor;

import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.picomesh.agent.AgentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;

/**
 * Delivers held events, one pico at a time and each pico's in arrival order, on one thread of its own: to the local
 * engine once the pico lives here (again), through its mover ruleset so that each runs once ({@link LocalDelivery}),
 * to the new host under a delivery key this agent signs once it moved. An
 * event is marked delivered only after the destination answered; a replay that crashed before the mark is sent again under the same
 * key and the new host answers it without delivering twice. A failed delivery stops the pico's queue until the next
 * sweep ({@code picomesh.agent.delivery-retry}): order matters more than speed. Once a pico's queue is empty its
 * routes settle (live, or moved).
 */
@Component
class Deliverer {
    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);
    /** Events per pico per sweep, so one long queue does not starve the others. */
    private static final int BATCH = 100;

    private final PicoRouteRepository routes;
    private final HeldEventRepository events;
    private final RouteTable table;
    private final DeliveryClient client;
    private final ReplaySignatures signatures;
    private final LocalDelivery local;
    private final TransactionTemplate transactions;
    private final AgentProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "held-event-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    Deliverer(PicoRouteRepository routes, HeldEventRepository events, RouteTable table, DeliveryClient client,
            ReplaySignatures signatures, LocalDelivery local, TransactionTemplate transactions,
            AgentProperties properties) {
        this.local = local;
        this.routes = routes;
        this.events = events;
        this.table = table;
        this.client = client;
        this.signatures = signatures;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Asks for a sweep soon (requests coalesce while one is queued). */
    void kick() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                sweep();
            });
        }
    }

    @Scheduled(fixedDelayString = "${picomesh.agent.delivery-retry:1s}")
    void retry() {
        kick();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void sweep() {
        try {
            for (String pico : routes.findPicosToDeliver()) {
                drain(pico);
            }
        } catch (RuntimeException e) {
            log.warn("delivering held events failed, will retry: {}", e.toString());
        }
    }

    private void drain(String pico) {
        for (int i = 0; i < BATCH; i++) {
            Optional<HeldEvent> next = events.findFirstByPicoAndDeliveredAtIsNullOrderByIdAsc(pico);
            if (next.isEmpty()) {
                transactions.executeWithoutResult(status -> table.settle(pico));
                return;
            }
            Route route = routes.findById(next.get().eci()).map(PicoRoute::route).orElse(null);
            if ((route != null && !route.state().delivers()) || !deliver(next.get(), route)) {
                return;
            }
        }
    }

    private boolean deliver(HeldEvent event, Route route) {
        boolean away = route != null && (route.state() == RouteState.REPLAYING || route.state() == RouteState.MOVED);
        if (!away && LocalDelivery.nameable(event.request())) { // else straight to the engine (at least once)
            return deliverHere(event);
        }
        URI destination = event.request().on(away ? route.movedTo() : properties.engineUrl());
        DeliveryKey key = away ? new DeliveryKey(properties.engineId(), event.leaseId(), event.id()) : null;
        String failure;
        try {
            DeliveryClient.Answer answer = client.send(destination, event.request(), key,
                    key == null ? null : signatures.sign(key, event.eci(), event.request()));
            if (away ? answer.status() / 100 == 2 : ends(answer.status())) {
                mark(event.id(), answer.status(), null);
                return true;
            }
            failure = (away ? "the new host" : "the engine") + " answered " + answer.status();
            mark(event.id(), 0, failure + ": " + answer.excerpt());
        } catch (RestClientException e) {
            failure = e.toString();
            mark(event.id(), 0, failure);
        }
        logFailure(event, failure);
        return false;
    }

    /** Through the mover, which runs each event once ({@link LocalDelivery}); whether it is delivered. */
    private boolean deliverHere(HeldEvent event) {
        String failure;
        try {
            LocalDelivery.Result result = local.deliver(event.request(), event.id());
            if (result.outcome() == LocalDelivery.Outcome.SENT || result.outcome() == LocalDelivery.Outcome.DUPLICATE) {
                mark(event.id(), result.answer().status(), null);
                return true;
            }
            if (result.outcome() == LocalDelivery.Outcome.REFUSED) { // no such pico here, for good
                mark(event.id(), 404, null);
                return true;
            }
            failure = result.outcome() == LocalDelivery.Outcome.LEAVING ? "the engine holds the pico leaving"
                    : "the engine answered " + result.answer().status() + ": " + result.answer().excerpt();
        } catch (RestClientException | org.picomesh.agent.picoengine.PicoEngineException e) {
            failure = e.toString();
        }
        mark(event.id(), 0, failure);
        logFailure(event, failure);
        return false;
    }

    private static void logFailure(HeldEvent event, String failure) {
        int attempts = event.attempts() + 1;
        if (Integer.bitCount(attempts) == 1) { // 1, 2, 4, 8...: a destination down for an hour logs a dozen lines
            log.warn("held event {} of pico {} not delivered yet ({} attempts): {}", event.id(), event.pico(), attempts,
                    failure);
        }
    }

    /**
     * Whether the engine's answer ends the event's delivery: it ran the event, or refused it for good (0.48.1 answers
     * 500 when a rule fails or a channel's policy refuses the event: sending it again would run it twice). Not while
     * the engine still holds the pico leaving (410), nor when it could not take the event (timeout, rate limit,
     * unavailable).
     */
    private static boolean ends(int status) {
        return status != 408 && status != 410 && status != 429 && status != 502 && status != 503 && status != 504;
    }

    private void mark(long id, int status, String failure) {
        transactions.executeWithoutResult(tx -> events.findById(id).ifPresent(event -> {
            if (failure == null) {
                event.delivered(status, clock.instant());
            } else {
                event.failed(failure);
            }
            events.save(event);
        }));
    }
}
