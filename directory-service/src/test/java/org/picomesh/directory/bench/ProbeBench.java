package org.picomesh.directory.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.contracts.devnet.bench.CpuTime;
import org.picomesh.directory.probes.ProbeRoundCompleted;
import org.picomesh.directory.support.Curl;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;

/**
 * The prober at market scale: rounds over 10,000 engines, all served by one local HTTP server (node, a process of
 * its own, so its CPU is not the directory's) that answers after a set delay, with seven days of per-hour history
 * already stored; and the latency the directory shows for a real pico engine against curl's in the same run.
 */
final class ProbeBench {
    static final int ENGINES = 10_000;
    private static final int DELAY_MS = 20;
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Duration STATS_REFRESH = Duration.ofMinutes(10);
    private static final int LATENCY_PROBES = 60;

    private ProbeBench() {}

    static List<String> figures() throws Exception {
        List<String> figures = new ArrayList<>();
        try (TestChain chain = new TestChain(); DelayedServer server = DelayedServer.start(DELAY_MS)) {
            TestDatabase.Database database = TestDatabase.fresh();
            BlockingQueue<ProbeRoundCompleted> rounds = new LinkedBlockingQueue<>();
            try (Directory directory = Directory.start(chain.deployment, database, Map.of("picomesh.probes.enabled", true,
                    "picomesh.probes.allow-loopback", true, "picomesh.probes.interval", "2s",
                    "picomesh.probes.stats-refresh", STATS_REFRESH.toSeconds() + "s"))) {
                directory.listen(ProbeRoundCompleted.class, rounds::add);
                Path dataDir = Path.of(directory.jdbc().queryForObject("show data_directory", String.class));
                progress("storing 7 days of per-hour probe history for " + ENGINES + " engines...");
                BenchEngines.fill(directory.jdbc(), ENGINES, server.url(), true, 7 * 24, DELAY_MS);
                rounds.clear(); // rounds over no engines yet
                Round first = measure(rounds, dataDir);
                progress("first round (every engine's 7 d figures computed, as after a start): " + first);
                progress("a round for the JIT: " + measure(rounds, dataDir));
                Round steady = measure(rounds, dataDir);
                progress("next round (1 h and 24 h figures): " + steady);
                // A 7 d refresh per engine every STATS_REFRESH: a share of the first round's extra work each round
                double share = INTERVAL.toMillis() / (double) STATS_REFRESH.toMillis();
                double cpu = steady.cpuSeconds() + share * Math.max(0, first.cpuSeconds() - steady.cpuSeconds());
                progress("CPU per 1,000 probes at a %d s interval: steady %.3f s + %.0f %% of the first round's extra"
                        .formatted(INTERVAL.toSeconds(), steady.cpuSeconds() * 1000 / ENGINES, share * 100));
                figures.add(DirectoryBench.figure("probe_round_s_10k", steady.seconds(), "s"));
                figures.add(DirectoryBench.figure("probe_cpu_s_per_1k", cpu * 1000 / ENGINES, "s"));
            }
        }
        figures.add(DirectoryBench.figure("probe_latency_error", latencyError(), "ratio"));
        return figures;
    }

    private record Round(int engines, int answered, double seconds, double jvm, double postgres) {
        double cpuSeconds() {
            return jvm + postgres;
        }

        @Override
        public String toString() {
            return "%d engines (%d answered) in %.2f s, CPU: directory JVM %.2f s, postgres %.2f s".formatted(engines,
                    answered, seconds, jvm, postgres);
        }
    }

    /**
     * The next round over all engines: its wall time from the prober's own count, CPU from now (the end of the last
     * round, or of the fill) to its end, which includes the pause between rounds (idle).
     */
    private static Round measure(BlockingQueue<ProbeRoundCompleted> rounds, Path dataDir) throws InterruptedException {
        CpuTime before = CpuTime.now(List.of(CpuTime.Part.thisJvm("jvm"), CpuTime.Part.postgres("postgres", dataDir)));
        ProbeRoundCompleted done = next(rounds);
        CpuTime after = before.now();
        progress("busiest threads: " + after.threadsSince(before));
        return new Round(done.engines(), done.answered(), done.took().toNanos() / 1e9, after.seconds("jvm", before),
                after.seconds("postgres", before));
    }

    private static ProbeRoundCompleted next(BlockingQueue<ProbeRoundCompleted> rounds) throws InterruptedException {
        while (true) {
            ProbeRoundCompleted round = rounds.poll(10, TimeUnit.MINUTES);
            if (round == null) {
                throw new IllegalStateException("no probe round finished within 10 minutes");
            }
            if (round.engines() == ENGINES) {
                return round;
            }
        }
    }

    /** The directory's median latency of a real pico engine over curl's median of the same endpoint, same run. */
    private static double latencyError() throws Exception {
        try (TestChain chain = new TestChain(); PicoEngineProcess engine = PicoEngineProcess.start();
                Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of(
                        "picomesh.probes.enabled", true, "picomesh.probes.interval", "100ms",
                        "picomesh.probes.flush-interval", "100ms", "picomesh.probes.stats-refresh", "0s",
                        "picomesh.probes.allow-loopback", true))) {
            BenchEngines.fill(directory.jdbc(), 1, engine.url(), false, 0, 1);
            List<Double> curl = new ArrayList<>();
            String url = engine.url() + "/api/engine-version";
            while (directory.jdbc().queryForObject("select count(*) from probe_sample where ok", Long.class)
                    < LATENCY_PROBES) {
                curl.add(Curl.measurePaced(url).firstByteMs());
            }
            double shown = directory.get("/api/engines/1").at("/summary/measuredLatencyP50Ms").asDouble();
            double independent = Curl.median(curl);
            double raw = directory.jdbc().queryForObject(
                    "select percentile_cont(0.5) within group (order by latency_ms) from probe_sample where ok", Double.class);
            progress("pico engine, median time to first byte: " + Curl.describe(shown, independent) + " ("
                    + curl.size() + " curl requests; the directory's raw samples' median %.2f ms)".formatted(raw));
            return shown / independent;
        }
    }

    private static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
