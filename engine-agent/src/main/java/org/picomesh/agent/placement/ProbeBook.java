package org.picomesh.agent.placement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.picomesh.contracts.placement.Candidate;

/**
 * The agent's own measurements of the engines it shortlists: each engine probed at most once per {@code ttl}, the
 * last {@link #KEPT} probes kept, their median latency (answered probes only) and the share answered (availability)
 * given to the ranking. Probes of a shortlist run in parallel on a small bounded pool.
 */
final class ProbeBook {
    static final int KEPT = 20;

    private record Probe(Instant at, Double latencyMs) {}

    private final LatencyProbe probe;
    private final Duration ttl;
    private final Clock clock;
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "placement-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, Deque<Probe>> probes = new ConcurrentHashMap<>();

    ProbeBook(LatencyProbe probe, Duration ttl, Clock clock) {
        this.probe = probe;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The engines with the agent's measurements, probing those not measured within the ttl first. */
    List<Candidate> measured(List<Candidate> shortlist) {
        Instant now = clock.instant();
        CompletableFuture.allOf(shortlist.stream().filter(c -> stale(c.id(), now))
                .map(c -> CompletableFuture.runAsync(() -> record(c, now), pool))
                .toArray(CompletableFuture[]::new)).join();
        return shortlist.stream().map(this::withMeasurements).toList();
    }

    private boolean stale(long engineId, Instant now) {
        Deque<Probe> kept = probes.get(engineId);
        synchronized (this) {
            return kept == null || kept.isEmpty() || kept.peekLast().at().plus(ttl).isBefore(now);
        }
    }

    private void record(Candidate c, Instant at) {
        Double latency = probe.measure(c.endpoint());
        synchronized (this) {
            Deque<Probe> kept = probes.computeIfAbsent(c.id(), id -> new ArrayDeque<>());
            kept.addLast(new Probe(at, latency));
            while (kept.size() > KEPT) {
                kept.removeFirst();
            }
        }
    }

    private synchronized Candidate withMeasurements(Candidate c) {
        Deque<Probe> kept = probes.get(c.id());
        if (kept == null || kept.isEmpty()) {
            return c;
        }
        double[] answered = kept.stream().filter(p -> p.latencyMs() != null).mapToDouble(Probe::latencyMs).sorted().toArray();
        Double median = answered.length == 0 ? null : round(answered[answered.length / 2]);
        return c.measured(median, round((double) answered.length / kept.size()));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
