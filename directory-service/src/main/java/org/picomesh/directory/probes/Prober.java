package org.picomesh.directory.probes;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import org.picomesh.directory.indexer.IndexerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.SmartLifecycle;

/**
 * Measures what engines only claim: on a schedule, {@code GET <endpoint>/api/engine-version} of every listed
 * engine, a bounded number at a time and never two at once for one engine, with timeouts, no redirects and a
 * cap on the answer's size. Runs only on the instance that indexes, so engines are probed once.
 */
class Prober implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Prober.class);

    private record Target(long id, String endpoint) {}

    private final ProbeProperties properties;
    private final EndpointGuard guard;
    private final JdbcTemplate jdbc;
    private final ProbeSampleRepository samples;
    private final ProbeStats stats;
    private final IndexerStatus indexer;
    private final MeterRegistry meters;
    private final HttpClient http;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService schedule;
    private ExecutorService workers;

    Prober(ProbeProperties properties, JdbcTemplate jdbc, ProbeSampleRepository samples, ProbeStats stats,
            IndexerStatus indexer, MeterRegistry meters) {
        this.properties = properties;
        this.guard = new EndpointGuard(properties.deniedRanges(), properties.allowLoopback());
        this.jdbc = jdbc;
        this.samples = samples;
        this.stats = stats;
        this.indexer = indexer;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(properties.concurrency());
        schedule = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "prober"));
        schedule.scheduleWithFixedDelay(this::round, 1_000, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
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

    /** One round over the listed engines; engines still being probed from the last round are skipped. */
    void round() {
        if (indexer.role() != IndexerStatus.Role.INDEXING) {
            return;
        }
        try {
            List<Target> targets = jdbc.query("select id, endpoint from engine_listing where listed order by id",
                    (rs, n) -> new Target(rs.getLong(1), rs.getString(2)));
            for (Target target : targets) {
                if (inFlight.add(target.id())) {
                    workers.submit(() -> {
                        try {
                            probe(target);
                        } finally {
                            inFlight.remove(target.id());
                        }
                    });
                }
            }
            samples.deleteOlderThan(Instant.now().minus(properties.retention()));
        } catch (RuntimeException e) {
            log.warn("probe round failed: {}", e.toString());
        }
    }

    private void probe(Target target) {
        Instant at = Instant.now();
        ProbeSample sample;
        try {
            URI url = guard.probeUrl(target.endpoint());
            long start = System.nanoTime();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(properties.timeout())
                    .header("User-Agent", "picomesh-directory").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int read = body.readNBytes(properties.maxResponseBytes() + 1).length;
                double millis = (System.nanoTime() - start) / 1e6;
                sample = failure(response.statusCode(), read)
                        .map(error -> new ProbeSample(target.id(), at, false, null, error))
                        .orElseGet(() -> new ProbeSample(target.id(), at, true, millis, null));
            }
        } catch (EndpointGuard.RefusedEndpointException e) {
            sample = new ProbeSample(target.id(), at, false, null, "not probed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            sample = new ProbeSample(target.id(), at, false, null, e.getClass().getSimpleName());
        }
        samples.save(sample);
        stats.rollUp(target.id(), sample.ok());
        meters.counter("picomesh.probes", "result", sample.ok() ? "ok" : "failed").increment();
    }

    private java.util.Optional<String> failure(int status, int bytesRead) {
        if (status >= 300 && status < 400) {
            return java.util.Optional.of("redirect refused (HTTP " + status + ")");
        }
        if (status != 200) {
            return java.util.Optional.of("HTTP " + status);
        }
        if (bytesRead > properties.maxResponseBytes()) {
            return java.util.Optional.of("answer larger than " + properties.maxResponseBytes() + " bytes");
        }
        return java.util.Optional.empty();
    }
}
