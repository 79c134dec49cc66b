package org.picomesh.directory.probes;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.picomesh.directory.indexer.IndexerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures what engines only claim: on a schedule, {@code GET <endpoint>/api/engine-version} of every listed
 * engine, a bounded number at a time, each once a round. The results are written in batches by the ledger.
 * Runs only on the instance that indexes, so engines are probed once.
 */
class Prober implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Prober.class);

    private record Target(long id, String endpoint) {}

    private final ProbeProperties properties;
    private final HttpProbe http;
    private final JdbcTemplate jdbc;
    private final ProbeLedger ledger;
    private final ProbeStats stats;
    private final IndexerStatus indexer;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private ScheduledExecutorService schedule;
    private ExecutorService workers;

    Prober(ProbeProperties properties, HttpProbe http, JdbcTemplate jdbc, ProbeLedger ledger, ProbeStats stats,
            IndexerStatus indexer, MeterRegistry meters, ApplicationEventPublisher events) {
        this.properties = properties;
        this.http = http;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.stats = stats;
        this.indexer = indexer;
        this.meters = meters;
        this.events = events;
    }

    @Override
    public void start() {
        stats.forget();
        workers = Executors.newFixedThreadPool(properties.concurrency(), r -> new Thread(r, "probe"));
        schedule = Executors.newScheduledThreadPool(2, r -> new Thread(r, "prober"));
        schedule.scheduleWithFixedDelay(this::round, 1_000, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
        schedule.scheduleWithFixedDelay(this::flush, properties.flushInterval().toMillis(),
                properties.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        schedule.shutdownNow();
        workers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return schedule != null && !schedule.isShutdown();
    }

    /** One round over the listed engines; the next starts an interval after this one's last probe is written. */
    void round() {
        if (indexer.role() != IndexerStatus.Role.INDEXING) {
            stats.forget(); // another instance may probe meanwhile: compute everything again once back
            return;
        }
        long start = System.nanoTime();
        try {
            List<Target> targets = jdbc.query("select id, endpoint from engine_listing where listed order by id",
                    (rs, n) -> new Target(rs.getLong(1), rs.getString(2)));
            AtomicInteger answered = new AtomicInteger();
            List<Future<?>> probes = new ArrayList<>(targets.size());
            for (Target target : targets) {
                probes.add(workers.submit(() -> {
                    ProbeResult result = http.probe(target.id(), target.endpoint());
                    ledger.record(result);
                    meters.counter("picomesh.probes", "result", result.ok() ? "ok" : "failed").increment();
                    if (result.ok()) {
                        answered.incrementAndGet();
                    }
                }));
            }
            for (Future<?> probe : probes) {
                probe.get(); // each probe is bounded by its own timeouts
            }
            flush();
            forgetOld();
            events.publishEvent(new ProbeRoundCompleted(targets.size(), answered.get(),
                    Duration.ofNanos(System.nanoTime() - start)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            if (!workers.isShutdown()) { // a round cut short by stop() is no failure
                log.warn("probe round failed: {}", e.toString());
            }
        }
    }

    private void flush() {
        try {
            ledger.flush();
        } catch (RuntimeException e) {
            log.warn("writing probes failed: {}", e.toString());
        }
    }

    /** Each round deletes a round's worth of old rows: the cost per probe stays the same as the history grows. */
    private void forgetOld() {
        Instant now = Instant.now();
        jdbc.update("delete from probe_sample where probed_at < ?", Timestamp.from(now.minus(properties.sampleRetention())));
        jdbc.update("delete from probe_hour where hour < ?", Timestamp.from(now.minus(properties.hourRetention())));
    }
}
