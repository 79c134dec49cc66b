package org.picomesh.directory.engines;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generated list queries: every parameter absent or drawn from values on and around the {@link MarketFixture}'s
 * own (its prices, ties, regions in other cases, texts with LIKE's special characters), from a seed.
 */
final class ListQueries {
    static final List<String> SORTS = List.of("price", "-price", "stake", "-stake", "latency", "-latency",
            "availability", "-availability", "capacity", "-capacity", "score", "-score");
    private static final List<String> STATUSES = List.of("pending", "listed", "unbonding", "delisted", "slashed");
    private static final List<String> PRICES = List.of("1000000000", "5000000000", "20000000000000",
            "13000000000000000", "400000000000000000");
    private static final List<String> REGIONS = List.of("eu-west", "EU-West", "été-nord", "x_y", "a%b", "nowhere",
            " us-east ");
    private static final List<Double> LATENCIES = List.of(1.0, 5.0, 12.0, 150.5, 1e9);
    private static final List<String> STAKES = List.of("0", "1000000000000000000", "2100000000000000000",
            "5000000000000000000");
    private static final List<Double> RATIOS = List.of(0.0, 0.25, 0.5, 0.75, 0.9, 1.0);
    private static final List<String> TEXTS = List.of("eu", "EU", "Example", "ÉTÉ", "été", "did:web", "_", "%", "a%b",
            "engine_1", "z6mk", "nope");

    private final Random random;

    ListQueries(long seed) {
        this.random = new Random(seed);
    }

    /** The next query, as a function from a cursor (null for the first page) to the query with it. */
    Function<String, EngineQuery> next() {
        String maxPrice = maybe(PRICES, 0.4);
        Integer minFree = random.nextDouble() < 0.4 ? random.nextInt(6) : null;
        String region = maybe(REGIONS, 0.3);
        Double maxLatency = maybe(LATENCIES, 0.3);
        String minStake = maybe(STAKES, 0.3);
        Double minAvailability = maybe(RATIOS, 0.3);
        Long trustList = random.nextDouble() < 0.2 ? 1L + random.nextInt(4) : null;
        String status = maybe(STATUSES, 0.3);
        String text = maybe(TEXTS, 0.3);
        String sort = SORTS.get(random.nextInt(SORTS.size()));
        int limit = 1 + random.nextInt(80);
        return cursor -> EngineQuery.of(maxPrice, minFree, region, maxLatency, minStake, minAvailability, trustList,
                status, text, sort, limit, cursor);
    }

    private <T> T maybe(List<T> values, double chance) {
        return random.nextDouble() < chance ? values.get(random.nextInt(values.size())) : null;
    }
}
