package org.picomesh.directory.engines;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a list request's CPU goes inside the directory, stage by stage, without HTTP: {@code list_unique}'s queries
 * (as ListUniqueBench's wrk script numbers them) over 10,000 engines like the bench's, on one thread, timed with that
 * thread's CPU clock so a busy machine changes the figures little. Run with {@code java -cp <test classpath>
 * org.picomesh.directory.engines.ListingCpuBench}; not a test.
 */
final class ListingCpuBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String[] SORTS = {"price", "-price", "stake", "-stake", "latency", "-latency", "availability",
            "-availability", "capacity", "-capacity", "score", "-score"};
    private static final String[] REGIONS = {"eu-west", "us-east", "ap-south", "sa-east"};

    public static void main(String[] args) {
        int engines = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        ListJson pages = new ListJson(JsonMapper.builder().build());
        List<ListedEngine> rows = rows(engines);
        for (int round = 0; round < 5; round++) {
            long listing = cpu(() -> new Listing(rows, 1_000_000, BigDecimal.ZERO, Map.of(), TextFolding.UNICODE, 0)).nanos;
            Listing fresh = new Listing(rows, 1_000_000, BigDecimal.ZERO, Map.of(), TextFolding.UNICODE, 0);
            long keys = 0;
            StringBuilder each = new StringBuilder();
            for (String sort : SORTS) {
                long one = cpu(() -> ListingSearch.find(fresh, query(SORTS.length * 7 + List.of(SORTS).indexOf(sort)))).nanos;
                keys += one;
                each.append(" %s %.1f".formatted(sort, one / 1e6));
            }
            System.out.println("first query of each sort (ms):" + each);
            int queries = 20_000;
            long search = 0;
            long serialise = 0;
            long bytes = 0;
            for (int k = 0; k < queries; k++) {
                EngineQuery q = query(k);
                Timed<ListingSearch.Found> found = cpu(() -> ListingSearch.find(fresh, q));
                Timed<byte[]> written = cpu(() -> pages.page(fresh, found.value));
                search += found.nanos;
                serialise += written.nanos;
                bytes += written.value.length;
            }
            // the next listing after 20 engines changed, then its first query of each sort
            List<ListedEngine> changed = new ArrayList<>(rows);
            for (int n = 0; n < 20; n++) {
                int at = (n * 7919 + round * 31) % changed.size();
                ListedEngine row = changed.get(at);
                changed.set(at, withPrice(row, row.price().add(BigDecimal.valueOf(n + 1))));
            }
            for (int warm = 0; warm < 100; warm++) {
                new Listing(fresh, changed, 1_000_000, BigDecimal.ZERO, Map.of(), 0);
            }
            Timed<Listing> next = cpu(() -> new Listing(fresh, changed, 1_000_000, BigDecimal.ZERO, Map.of(), 0));
            long afterChange = 0;
            for (String sort : SORTS) {
                afterChange += cpu(() -> pages.page(next.value, ListingSearch.find(next.value,
                        query(SORTS.length * 7 + List.of(SORTS).indexOf(sort))))).nanos;
            }
            System.out.printf("round %d: a new listing %.2f ms, its first query of each of the 12 sorts %.2f ms;"
                    + " per query: search %.1f us, JSON %.1f us (%d bytes); the listing after 20 changes %.2f ms,"
                    + " its first query of each sort %.2f ms%n", round, listing / 1e6, keys / 1e6,
                    search / 1e3 / queries, serialise / 1e3 / queries, bytes / queries, next.nanos / 1e6,
                    afterChange / 1e6);
        }
    }

    /** ListUniqueBench's query number {@code k}, as its wrk script builds it. */
    static EngineQuery query(int k) {
        String maxPrice = "2" + "%016d".formatted(k);
        return EngineQuery.of(maxPrice, k % 3 == 0 ? k % 4 : null, k % 5 == 0 ? REGIONS[k % 3] : null, null, null,
                k % 7 == 0 ? (k % 10) / 10.0 : null, null, k % 11 == 0 ? "listed" : null, null, SORTS[k % SORTS.length],
                10 + k % 41, null);
    }

    /** Engines as the bench's chain has them: SampleAdverts' prices and regions, never measured. */
    static List<ListedEngine> rows(int engines) {
        List<ListedEngine> rows = new ArrayList<>(engines);
        for (int n = 1; n <= engines; n++) {
            BigDecimal price = BigDecimal.valueOf(1_000_000_000_000_000L).multiply(BigDecimal.valueOf(n % 50 + 1));
            BigDecimal stake = new BigDecimal("1000000000000000003");
            String endpoint = "https://engine-" + n + ".bench.example";
            String did = "did:web:engine-" + n + ".picomesh.example";
            String region = REGIONS[n % REGIONS.length];
            rows.add(new ListedEngine(n, "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", endpoint, did, region, price,
                    stake, BigDecimal.ZERO, BigDecimal.ZERO, false, 100 + n / 100, 1 + n % 20, 0, 15 + 10L * n, null,
                    null, null, price.toPlainString(), stake.toPlainString(), endpoint, did, region));
        }
        return rows;
    }

    private static ListedEngine withPrice(ListedEngine r, BigDecimal price) {
        return new ListedEngine(r.id(), r.operator(), r.endpoint(), r.did(), r.region(), price, r.stake(), r.unbonding(),
                r.slashed(), r.halted(), r.sourceBlock(), r.capacity(), r.activeLeases(), r.latencyMs(), r.p50(), r.p95(),
                r.availability(), price.toPlainString(), r.stakeText(), r.foldedEndpoint(), r.foldedDid(),
                r.foldedRegion());
    }

    private record Timed<T>(T value, long nanos) {}

    private static <T> Timed<T> cpu(Supplier<T> work) {
        long start = THREADS.getCurrentThreadCpuTime();
        T value = work.get();
        return new Timed<>(value, THREADS.getCurrentThreadCpuTime() - start);
    }
}
