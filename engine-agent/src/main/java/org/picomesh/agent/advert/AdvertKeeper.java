package org.picomesh.agent.advert;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.payment.HostedLeases;
import org.picomesh.agent.picoengine.PicoCensus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine's advert truthful, and spends gas only on what changed: every {@code advert-interval} it counts the
 * picos the engine really hosts ({@link CapacityPlan}) and measures its own front door ({@link FrontDoorLatency},
 * filtered by {@link LatencyDrift}), and re-publishes the advert when the capacity changed or the latency drifted for
 * long enough, every other field exactly as on the chain ({@link AdvertPublisher}). A new capacity is published only
 * once two checks in a row agree on it: a pico counted on the engine before its lease is followed (one arriving by a
 * move, or a lease opened a moment ago) would otherwise cost two transactions for nothing. An engine that does not answer
 * its census keeps the capacity advertised; a front door that does not answer keeps the latency advertised (a
 * challenge is what tells the market the engine is down). Runs on the scheduler's one thread, as the challenge
 * answers and claims do: the agent key's transactions never race for a nonce.
 */
@Component
class AdvertKeeper {
    private static final Logger log = LoggerFactory.getLogger(AdvertKeeper.class);

    private final AdvertBook book;
    private final PicoCensus census;
    private final HostedLeases leases;
    private final FrontDoorLatency frontDoor;
    private final AdvertPublisher publisher;
    private final AgentProperties properties;
    private final MeterRegistry meters;
    private final LatencyDrift drift;
    private final AtomicLong measured = new AtomicLong(-1);
    private boolean unmeasured;
    /** The capacity the previous check planned, when it differed from the advert's (-1: none). */
    private long plannedBefore = -1;

    AdvertKeeper(AdvertBook book, PicoCensus census, HostedLeases leases, FrontDoorLatency frontDoor,
            AdvertPublisher publisher, AgentProperties properties, MeterRegistry meters) {
        this.book = book;
        this.census = census;
        this.leases = leases;
        this.frontDoor = frontDoor;
        this.publisher = publisher;
        this.properties = properties;
        this.meters = meters;
        this.drift = new LatencyDrift(properties.latencyDriftMs(), properties.latencyDriftPercent(),
                properties.latencyDriftChecks());
        meters.gauge("picomesh.agent.front-door.latency.ms", measured);
    }

    @Scheduled(fixedDelayString = "${picomesh.agent.advert-interval:30s}",
            initialDelayString = "${picomesh.agent.advert-interval:30s}")
    void check() {
        try {
            Optional<PublishedAdvert> inForce = book.current();
            if (inForce.isPresent()) {
                check(inForce.get());
            }
        } catch (Exception e) {
            log.warn("keeping the advert truthful failed, will try again at the next interval: {}", e.toString());
        }
    }

    private void check(PublishedAdvert advert) throws Exception {
        long capacity = advert.capacity();
        long latency = advert.latencyMs();
        StringBuilder why = new StringBuilder();
        OptionalLong picos = census.picos();
        if (picos.isPresent()) {
            CapacityPlan plan = new CapacityPlan(properties.maxPicos(), picos.getAsLong(), 0, leases.active());
            boolean confirmed = plan.capacity() == plannedBefore;
            plannedBefore = plan.capacity() != capacity ? plan.capacity() : -1;
            if (plan.capacity() != capacity && confirmed) {
                capacity = plan.capacity();
                why.append("capacity ").append(advert.capacity()).append(" -> ").append(capacity)
                        .append(" (").append(plan.explained()).append(")");
            }
        }
        OptionalLong drifted = measureLatency(advert);
        if (drifted.isPresent()) {
            latency = drifted.getAsLong();
            why.append(why.length() > 0 ? "; " : "").append("latency ").append(advert.latencyMs()).append(" -> ")
                    .append(latency).append(" ms (measured off the advert ").append(properties.latencyDriftChecks())
                    .append(" time(s) in a row)");
        }
        if (why.length() == 0) {
            return;
        }
        String reason = capacity != advert.capacity() && latency != advert.latencyMs() ? "capacity-and-latency"
                : capacity != advert.capacity() ? "capacity" : "latency";
        Optional<String> tx = publisher.publish(advert, advert.with(capacity, latency));
        if (tx.isPresent()) {
            meters.counter("picomesh.agent.adverts.published", "reason", reason).increment();
            log.info("re-advertised engine {}: {} (tx {})", properties.engineId(), why, tx.get());
        }
    }

    /** Measures the front door; the latency to advertise once it has drifted long enough, else nothing. */
    private OptionalLong measureLatency(PublishedAdvert advert) {
        OptionalLong median = frontDoor.medianMs(advert.endpoint());
        if (median.isEmpty()) {
            meters.counter("picomesh.agent.adverts.latency.measured", "outcome", "unmeasured").increment();
            if (!unmeasured) {
                unmeasured = true;
                log.warn("the advertised endpoint does not answer GET /api/engine-version: the latency stays as "
                        + "advertised ({} ms) until it does", advert.latencyMs());
            }
            return OptionalLong.empty();
        }
        unmeasured = false;
        measured.set(median.getAsLong());
        boolean drifts = drift.drifts(advert.latencyMs(), median.getAsLong());
        meters.counter("picomesh.agent.adverts.latency.measured", "outcome", drifts ? "drifting" : "within")
                .increment();
        return drift.observe(advert.latencyMs(), median.getAsLong());
    }
}
