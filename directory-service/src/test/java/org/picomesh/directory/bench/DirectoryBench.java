package org.picomesh.directory.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.devnet.bench.CpuTime;
import org.picomesh.contracts.devnet.bench.Wrk;
import org.picomesh.directory.indexer.IndexerStatus;
import org.picomesh.directory.indexer.IndexerSteps;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;

/**
 * {@code ./mesh bench directory}: backfill rate against bare eth_getLogs, index lag, list and select latency,
 * each against real anvil, PostgreSQL and HTTP in one run.
 */
public final class DirectoryBench {
    /** -Dpicomesh.bench.engines=N for a brief check that the bench runs (the figures are for 10,000). */
    private static final int ENGINES = Integer.getInteger("picomesh.bench.engines", 10_000);
    private static final int STAKE_EVENTS = 3 * ENGINES; // with two events a registration, 5 events an engine
    private static final int BACKFILL_RUNS = 5;
    /** Backfills before the measured ones: the JIT goes on compiling the indexer's code through the first few. */
    private static final int BACKFILL_WARM_UPS = 5;
    private static final int LIST_RUNS = 3;
    /** Where a backfill's CPU goes: the directory and the bench share this JVM; PostgreSQL by name (any on the machine). */
    private static final List<CpuTime.Part> PARTS = List.of(CpuTime.Part.thisJvm("jvm"),
            CpuTime.Part.named("postgres", "postgres"), CpuTime.Part.started("anvil", "anvil"));
    /** -Dpicomesh.bench.only=backfill, reorg, list, list_unique or probes runs one part, for working on it. */
    private static final String ONLY = System.getProperty("picomesh.bench.only", "all");
    /** Eight filtered, sorted first pages, as different browsers would ask for them. */
    private static final List<String> LISTS = java.util.stream.IntStream.range(0, 8).mapToObj(n ->
            "/api/engines?maxPrice=" + (20 + n) + "000000000000000&minFreeCapacity=1&sort=-stake&limit=50").toList();
    private static final String LIST_SQL = """
            select * from engine_listing where price_per_hour <= ? and free_capacity >= 1
            order by stake desc, id desc limit 51""";
    private static final String POLICY = """
            {"constraints":{"maxPrice":"30000000000000000","regions":["eu-west","us-east"]},
             "weights":{"cost":0.4,"latency":0.2,"availability":0.2,"stake":0.2}}""";

    private DirectoryBench() {}

    public static void main(String[] args) throws Exception {
        List<String> figures = new ArrayList<>();
        if (ONLY.equals("probes")) {
            figures.addAll(ProbeBench.figures());
            print(figures);
            return;
        }
        HttpClient http = HttpClient.newHttpClient();
        try (TestChain chain = new TestChain()) {
            long genesis = chain.deployment.deploymentBlock().longValueExact();
            progress("filling the chain: " + ENGINES + " registrations and " + STAKE_EVENTS + " stake top-ups...");
            new MarketLoad(chain).fill(ENGINES, STAKE_EVENTS);
            long head = chain.blockNumber();

            boolean lists = ONLY.equals("list") || ONLY.equals("list_unique");
            if (!lists && !ONLY.equals("reorg")) {
                figures.addAll(backfillFigures(chain, genesis, head));
            }
            if (ONLY.equals("all") || ONLY.equals("reorg")) {
                progress("depth-5 reorganisations over the whole index...");
                figures.add(ReorgBench.figure(chain, ENGINES));
            }
            if (ONLY.equals("backfill") || ONLY.equals("reorg")) {
                print(figures);
                return;
            }
            TestDatabase.Database database = TestDatabase.fresh();
            try (Directory directory = Directory.start(chain.deployment, database,
                    Map.of("spring.datasource.hikari.maximum-pool-size", 16))) {
                progress("indexing again with the indexer running, then measuring lag, list and select...");
                Directory.await("the index to catch up", java.time.Duration.ofMinutes(5),
                        () -> directory.bean(IndexerStatus.class).lag() == 0
                                && directory.bean(IndexerStatus.class).indexed() >= head);
                if (ONLY.equals("list_unique")) {
                    figures.add(figure("list_unique_p99", ListUniqueBench.p99(directory.baseUrl()), "ms"));
                    print(figures);
                    return;
                }
                if (!lists) {
                    figures.add(figure("index_lag_p95", indexLag(chain, directory, http).percentile(95), "ms"));
                }
                double list = listP99(directory);
                JdbcTemplate jdbc = directory.jdbc();
                Latencies.measure(8, 40, () -> jdbc.queryForList(LIST_SQL, anyPrice()));
                Latencies sql = Latencies.measure(64, 40, () -> jdbc.queryForList(LIST_SQL, anyPrice()));
                figures.add(figure("list_p99", list, "ms"));
                figures.add(figure("list_vs_jdbc", list / sql.percentile(99), "ratio"));
                figures.add(figure("list_unique_p99", ListUniqueBench.p99(directory.baseUrl()), "ms"));
                progress("bare SQL over JDBC from 64 threads: p50 %.1f, p99 %.1f ms".formatted(sql.percentile(50),
                        sql.percentile(99)));

                try (Directory uncached = Directory.start(chain.deployment, database, Map.of("picomesh.indexer.enabled", false,
                        "picomesh.api.list-cache-ttl", "0s", "spring.datasource.hikari.maximum-pool-size", 16))) {
                    double raw = listP99(uncached);
                    figures.add(figure("list_uncached_p99", raw, "ms"));
                    figures.add(figure("list_uncached_vs_jdbc", raw / sql.percentile(99), "ratio"));
                }

                Latencies.measure(4, 25, () -> post(http, directory, POLICY));
                Latencies select = Latencies.measure(4, 100, () -> post(http, directory, POLICY));
                progress("POST /api/select from 4 clients: p50 %.1f, p99 %.1f ms over %d requests".formatted(
                        select.percentile(50), select.percentile(99), select.count()));
                figures.add(figure("select_p99", select.percentile(99), "ms"));
            }
        }
        if (ONLY.equals("all")) {
            progress("probing " + ProbeBench.ENGINES + " engines served by one local server...");
            figures.addAll(ProbeBench.figures());
        }
        print(figures);
    }

    private static void print(List<String> figures) {
        System.out.println("Directory benchmark, " + LocalDate.now() + " (./mesh bench directory): " + ENGINES
                + " engines, " + (ENGINES * 2 + STAKE_EVENTS) + " registry events");
        figures.forEach(System.out::println);
        System.exit(0);
    }

    /**
     * Backfill against bare eth_getLogs over the same blocks: medians of alternating runs after warm-ups. The
     * backfills run in one directory, its tables emptied before each: starting a Spring context between them
     * would have the JIT recompile shared code (HashMap and such) for every run, a cost no running directory pays.
     */
    private static List<String> backfillFigures(TestChain chain, long genesis, long head) throws Exception {
        List<String> figures = new ArrayList<>();
        long events = countLogs(chain, genesis, head, 5_000);
        try (Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(),
                Map.of("picomesh.indexer.enabled", false, "spring.datasource.hikari.maximum-pool-size", 16))) {
            // Cold first runs warm the JIT of both paths; then they alternate, so noise falls on both alike.
            progress("warming up: bare eth_getLogs and " + BACKFILL_WARM_UPS + " backfills...");
            bareGetLogs(chain, genesis, head, events);
            double cold = backfill(directory, events);
            for (int warmUp = 1; warmUp < BACKFILL_WARM_UPS; warmUp++) {
                backfill(directory, events);
            }
            List<Double> bare = new ArrayList<>();
            List<Double> backfills = new ArrayList<>();
            for (int run = 1; run <= BACKFILL_RUNS; run++) {
                bare.add(bareGetLogs(chain, genesis, head, events));
                backfills.add(backfill(directory, events));
                progress("run %d: bare eth_getLogs %.0f events/s, directory backfill %.0f events/s".formatted(run,
                        bare.get(run - 1), backfills.get(run - 1)));
            }
            double rate = median(backfills);
            figures.add(figure("backfill_events_per_s", rate, "events/s"));
            figures.add(figure("backfill_vs_getlogs", rate / median(bare), "ratio"));
            figures.add(figure("backfill_cold_events_per_s", cold, "events/s"));
        }
        return figures;
    }

    /** Empties the directory's index and indexes the whole chain again, range by range; events/s. */
    private static double backfill(Directory directory, long events) {
        directory.jdbc().execute("truncate chain_event, chain_block, indexer_checkpoint, engine, lease, trust_list,"
                + " trust_list_engine, market_parameter, engine_undo, lease_undo");
        CpuTime cpu = CpuTime.now(PARTS);
        long start = System.nanoTime();
        while (!IndexerSteps.step(directory)) {
            // backfilling
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress("backfill: %.2f s, CPU: %s".formatted(seconds, cpu.now().since(cpu)));
        long indexed = directory.jdbc().queryForObject("select count(*) from chain_event", Long.class);
        if (indexed != events) {
            throw new IllegalStateException("the backfill stored " + indexed + " events of " + events);
        }
        return events / seconds;
    }

    /** The median of {@link #LIST_RUNS} p99s of 10 s of wrk at 64 connections, after a 3 s warm-up. */
    private static double listP99(Directory directory) throws Exception {
        Wrk.run(directory.baseUrl(), LISTS, 64, 3);
        List<Double> runs = new ArrayList<>();
        for (int run = 0; run < LIST_RUNS; run++) {
            runs.add(Wrk.run(directory.baseUrl(), LISTS, 64, 10).p99());
        }
        progress("GET /api/engines p99 of each run: " + runs + " ms");
        return median(runs);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static BigDecimal anyPrice() {
        return new BigDecimal((20 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8)) + "000000000000000");
    }

    /**
     * The fastest of four bare fetches of the same logs, in events/s: ranges as large as the indexer may ask
     * (5,000 blocks), and ranges holding about 5,000 events, as the indexer aims for, asked one, two (as the
     * indexer's two readers do) and four at a time.
     */
    private static double bareGetLogs(TestChain chain, long from, long to, long events) throws Exception {
        long blocksFor5000Events = Math.max(1, 5_000 * (to - from + 1) / Math.max(1, events));
        double best = 0;
        for (long[] way : List.of(new long[] {5_000, 1}, new long[] {blocksFor5000Events, 1},
                new long[] {blocksFor5000Events, 2}, new long[] {blocksFor5000Events, 4})) {
            CpuTime cpu = CpuTime.now(PARTS);
            long start = System.nanoTime();
            long fetched = countLogs(chain, from, to, way[0], (int) way[1]);
            double seconds = (System.nanoTime() - start) / 1e9;
            progress("bare eth_getLogs, %d blocks a request, %d in flight: %.2f s, CPU: %s".formatted(way[0], way[1],
                    seconds, cpu.now().since(cpu)));
            best = Math.max(best, fetched / seconds);
        }
        return best;
    }

    private static long countLogs(TestChain chain, long from, long to, long blocksPerRange) throws Exception {
        return countLogs(chain, from, to, blocksPerRange, 1);
    }

    /** All the market's logs in [from, to], in ranges of the given size, with that many requests in flight. */
    private static long countLogs(TestChain chain, long from, long to, long blocksPerRange, int inFlight)
            throws Exception {
        ExecutorService fetchers = Executors.newFixedThreadPool(inFlight);
        try {
            List<Future<Integer>> ranges = new ArrayList<>();
            for (long a = from; a <= to; a += blocksPerRange) {
                EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(a)),
                        DefaultBlockParameter.valueOf(BigInteger.valueOf(Math.min(to, a + blocksPerRange - 1))),
                        List.of(chain.deployment.registry(), chain.deployment.escrow()));
                ranges.add(fetchers.submit(() -> chain.as(0).web3j().ethGetLogs(filter).send().getLogs().size()));
            }
            long events = 0;
            for (Future<Integer> range : ranges) {
                events += range.get();
            }
            return events;
        } finally {
            fetchers.shutdown();
        }
    }

    /** From a registration's receipt to the engine answering on GET /api/engines/{id}, 40 times. */
    private static Latencies indexLag(TestChain chain, Directory directory, HttpClient http) throws Exception {
        List<Double> lags = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            long id = chain.register(2, SampleAdverts.advert("https://lag-" + n + ".example", 3, 5), "1");
            long mined = System.nanoTime();
            while (status(http, directory, "/api/engines/" + id) != 200) {
                Thread.sleep(5);
            }
            lags.add((System.nanoTime() - mined) / 1e6);
        }
        return Latencies.of(lags);
    }

    private static int status(HttpClient http, Directory directory, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(directory.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String post(HttpClient http, Directory directory, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(directory.baseUrl() + "/api/select"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("select answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String figure(String name, double value, String unit) {
        return "figure " + name + " " + new BigDecimal(value).setScale(value < 10 ? 2 : 1, java.math.RoundingMode.HALF_UP)
                .toPlainString() + " " + unit;
    }

    private static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
