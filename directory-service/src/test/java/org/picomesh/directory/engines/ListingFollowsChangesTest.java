package org.picomesh.directory.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A listing that follows another (taking over its sort orders, JSON and placement figures for unchanged engines)
 * answers every query with the very bytes a listing read from scratch gives, and those are the bytes the mapper
 * writes for the page: over seeded random markets, each changed a few times (engines changed, gone and new, the
 * head and the minimum stake moved, the highest price raised).
 */
class ListingFollowsChangesTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final ListJson JSON = new ListJson(MAPPER);
    private static final String[] REGIONS = {"eu-west", "EU-West", "été-nord", "us-east", "x_y"};
    private static final Map<Long, Set<Long>> TRUST = Map.of(1L, Set.of(3L, 5L, 8L, 13L, 21L, 34L, 55L, 89L, 144L));

    @Test
    void aFollowingListingAnswersAsOneReadFromScratch() {
        for (long seed = 1; seed <= 8; seed++) {
            Random random = new Random(seed);
            List<ListedEngine> rows = new ArrayList<>();
            for (int id = 1; id <= 250; id++) {
                rows.add(engine(random, id));
            }
            Listing listing = new Listing(rows, 1_000, BigDecimal.valueOf(2), TRUST, TextFolding.UNICODE, 0);
            ask(listing, seed, 40); // every sort, filter and summary in use, as a running directory has them
            listing.candidates();
            for (int step = 0; step < 4; step++) {
                rows = changed(random, rows, step);
                long head = 1_000 + random.nextInt(3) * 7;
                BigDecimal minStake = BigDecimal.valueOf(random.nextInt(3) + 1);
                Listing following = new Listing(listing, rows, head, minStake, TRUST, 0);
                Listing scratch = new Listing(rows, head, minStake, TRUST, TextFolding.UNICODE, 0);
                String at = "seed " + seed + ", change " + step;
                assertThat(following.candidates()).as(at).isEqualTo(scratch.candidates());
                samePages(following, scratch, seed * 100 + step, at);
                listing = following;
            }
        }
    }

    /** Asks {@code count} generated queries of a listing, every page. */
    private static void ask(Listing listing, long seed, int count) {
        ListQueries queries = new ListQueries(seed);
        for (String sort : ListQueries.SORTS) {
            pages(listing, cursor -> EngineQuery.of(null, null, null, null, null, null, null, null, null, sort, 200,
                    cursor));
        }
        for (int n = 0; n < count; n++) {
            pages(listing, queries.next());
        }
    }

    private static void samePages(Listing following, Listing scratch, long seed, String at) {
        ListQueries queries = new ListQueries(seed);
        for (int n = 0; n < 40; n++) {
            Function<String, EngineQuery> query = queries.next();
            String cursor = null;
            for (int page = 0; page < 5; page++) {
                EngineQuery q = query.apply(cursor);
                byte[] fromFollowing = JSON.page(following, ListingSearch.find(following, q));
                byte[] fromScratch = JSON.page(scratch, ListingSearch.find(scratch, q));
                EngineSearch.Page written = ListingSearch.search(scratch, q);
                assertThat(new String(fromFollowing, StandardCharsets.UTF_8)).as(at + ", query " + n + ", page " + page)
                        .isEqualTo(new String(fromScratch, StandardCharsets.UTF_8)).isEqualTo(new String(MAPPER.writeValueAsBytes(written), StandardCharsets.UTF_8));
                cursor = written.nextCursor();
                if (cursor == null) {
                    break;
                }
            }
        }
    }

    private static void pages(Listing listing, Function<String, EngineQuery> query) {
        String cursor = null;
        do {
            ListingSearch.Found found = ListingSearch.find(listing, query.apply(cursor));
            JSON.page(listing, found);
            cursor = found.nextCursor();
        } while (cursor != null);
    }

    /** The rows after a change: some engines changed, some gone, some new; at step 2 a new highest price. */
    private static List<ListedEngine> changed(Random random, List<ListedEngine> rows, int step) {
        List<ListedEngine> next = new ArrayList<>();
        long lastId = 0;
        for (ListedEngine row : rows) {
            lastId = Math.max(lastId, row.id());
            double dice = random.nextDouble();
            if (dice < 0.03) {
                continue; // gone
            }
            next.add(dice < 0.12 ? engine(random, row.id()) : row);
        }
        for (int n = random.nextInt(4); n > 0; n--) {
            next.add(engine(random, ++lastId));
        }
        if (step == 2) {
            ListedEngine top = engine(random, ++lastId);
            next.add(priced(top, new BigDecimal("900000000000000000000")));
        }
        return next;
    }

    /** An engine with figures drawn from few values, so that sorts meet ties, and statuses of every kind. */
    private static ListedEngine engine(Random random, long id) {
        BigDecimal price = BigDecimal.valueOf(1_000_000_000_000L * (1 + random.nextInt(6)));
        BigDecimal stake = BigDecimal.valueOf(random.nextInt(5));
        String region = REGIONS[random.nextInt(REGIONS.length)];
        String endpoint = "https://engine-" + id + ".example";
        String did = "did:web:engine_" + id + ".example";
        Double p50 = random.nextDouble() < 0.3 ? null : (double) random.nextInt(40) + random.nextInt(4) / 8.0;
        Double availability = random.nextDouble() < 0.3 ? null : random.nextInt(5) / 4.0;
        long capacity = random.nextInt(5);
        return new ListedEngine(id, "0xoperator" + id % 7, endpoint, did, region, price, stake,
                BigDecimal.valueOf(random.nextDouble() < 0.1 ? 1 : 0), BigDecimal.valueOf(random.nextDouble() < 0.1 ? 1 : 0),
                random.nextDouble() < 0.1, 990 + random.nextInt(25), capacity, random.nextInt(6), 10 + random.nextInt(3),
                p50, p50 == null ? null : p50 * 2, availability, price.toPlainString(), stake.toPlainString(),
                TextFolding.UNICODE.fold(endpoint), TextFolding.UNICODE.fold(did), TextFolding.UNICODE.fold(region));
    }

    private static ListedEngine priced(ListedEngine r, BigDecimal price) {
        return new ListedEngine(r.id(), r.operator(), r.endpoint(), r.did(), r.region(), price, r.stake(), r.unbonding(),
                r.slashed(), r.halted(), r.sourceBlock(), r.capacity(), r.activeLeases(), r.latencyMs(), r.p50(), r.p95(),
                r.availability(), price.toPlainString(), r.stakeText(), r.foldedEndpoint(), r.foldedDid(),
                r.foldedRegion());
    }
}
