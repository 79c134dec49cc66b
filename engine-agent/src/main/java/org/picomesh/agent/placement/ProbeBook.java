package org.picomesh.agent.placement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.picomesh.contracts.placement.Candidate;

/**
 * The agent's own measurements of the engines it shortlists: each engine probed at most once per {@code ttl}, the
 * last {@link #KEPT} probes kept, their median latency (answered probes only) and the share answered (availability)
 * given to the ranking. Probes of a shortlist run in parallel on a small bounded pool. The probes are of the endpoint the
 * engine advertised when they were taken: once its advert names another endpoint, the old ones say nothing of where a
 * pico would now be reached, so they are forgotten and the new endpoint is probed at once.
 */
final class ProbeBook {
    static final int KEPT = 20;

    /** One measurement of an endpoint: milliseconds to the first byte, or null when it did not answer. */
    @FunctionalInterface
    interface Probe {
        Double measure(String endpoint);
    }

    private record Measured(Instant at, String endpoint, Double latencyMs) {}

    private final Probe probe;
    private final Duration ttl;
    private final Clock clock;
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "placement-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, Deque<Measured>> probes = new ConcurrentHashMap<>();

    ProbeBook(Probe probe, Duration ttl, Clock clock) {
        this.probe = probe;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The engines with the agent's measurements, probing those not measured within the ttl first. */
    List<Candidate> measured(List<Candidate> shortlist) {
        Instant now = clock.instant();
        CompletableFuture.allOf(shortlist.stream().filter(c -> stale(c, now))
                .map(c -> CompletableFuture.runAsync(() -> record(c, now), pool))
                .toArray(CompletableFuture[]::new)).join();
        return shortlist.stream().map(this::withMeasurements).toList();
    }

    private synchronized boolean stale(Candidate c, Instant now) {
        Deque<Measured> kept = probes.get(c.id());
        return kept == null || kept.isEmpty() || !Objects.equals(kept.peekLast().endpoint(), c.endpoint())
                || kept.peekLast().at().plus(ttl).isBefore(now);
    }

    private void record(Candidate c, Instant at) {
        Double latency = probe.measure(c.endpoint());
        synchronized (this) {
            Deque<Measured> kept = probes.computeIfAbsent(c.id(), id -> new ArrayDeque<>());
            if (!kept.isEmpty() && !Objects.equals(kept.peekLast().endpoint(), c.endpoint())) {
                kept.clear();
            }
            kept.addLast(new Measured(at, c.endpoint(), latency));
            while (kept.size() > KEPT) {
                kept.removeFirst();
            }
        }
    }

    private synchronized Candidate withMeasurements(Candidate c) {
        List<Measured> kept = probes.getOrDefault(c.id(), new ArrayDeque<>()).stream()
                .filter(p -> Objects.equals(p.endpoint(), c.endpoint())).toList();
        if (kept.isEmpty()) {
            return c;
        }
        double[] answered = kept.stream().filter(p -> p.latencyMs() != null).mapToDouble(Measured::latencyMs).sorted()
                .toArray();
        Double median = answered.length == 0 ? null : round(answered[answered.length / 2]);
        return c.measured(median, round((double) answered.length / kept.size()));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
