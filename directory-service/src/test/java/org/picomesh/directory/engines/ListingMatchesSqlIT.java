package org.picomesh.directory.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.picomesh.directory.api.BadRequestException;
import org.picomesh.directory.indexer.MarketIndexed;
import org.picomesh.directory.probes.EnginesMeasured;
import org.picomesh.directory.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists served from memory give exactly the SQL's answers: the same engines in the same order, page after page,
 * with cursors either path takes from the other, over generated queries on a market full of ties and gaps.
 */
class ListingMatchesSqlIT {
    private static SingleConnectionDataSource connection;
    private static JdbcTemplate jdbc;
    private static EngineSearch sql;
    private static EngineIndex memory;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final ListJson JSON = new ListJson(MAPPER);

    @BeforeAll
    static void market() {
        TestDatabase.Database database = TestDatabase.fresh();
        Flyway.configure().dataSource(database.url(), database.user(), database.password()).load().migrate();
        connection = new SingleConnectionDataSource(database.url(), database.user(), database.password(), true);
        jdbc = new JdbcTemplate(connection);
        MarketFixture.fill(jdbc, 700, 7);
        sql = new EngineSearch(new NamedParameterJdbcTemplate(jdbc));
        memory = new EngineIndex(jdbc, Duration.ofDays(1)); // no background reads: this test says when
    }

    @AfterAll
    static void close() {
        connection.destroy();
    }

    @Test
    void everyQueryGetsTheSqlsPagesFromMemory() {
        ListQueries queries = new ListQueries(2026_12_01L);
        int engines = 0;
        for (int n = 0; n < 500; n++) {
            engines += samePages(queries.next());
        }
        assertThat(engines).as("engines compared").isGreaterThan(5_000);
    }

    @Test
    void committedChangesShowInTheNextList() {
        randomQueries(40, 10); // sort orders and JSON in use, for the listings that follow to take over
        jdbc.update("update engine set price_per_hour = price_per_hour * 3, p50_ms_24h = 7 where id % 7 = 0");
        jdbc.update("update engine set availability_24h = 0.5, active_leases = capacity where id % 11 = 0");
        memory.indexed(MarketIndexed.of(Set.copyOf(jdbc.queryForList("select id from engine where id % 7 = 0",
                Long.class)), false));
        memory.measured(new EnginesMeasured(Set.copyOf(jdbc.queryForList("select id from engine where id % 11 = 0",
                Long.class))));
        jdbc.update("update indexer_checkpoint set confirmed_block = confirmed_block + 5");
        memory.indexed(MarketIndexed.of(Set.of(), false));
        randomQueries(150, 11);

        jdbc.update("update market_parameter set value = 1000000000000000000 where name = 'minStake'");
        jdbc.update("delete from trust_list_engine where engine_id % 3 = 0");
        List<Long> gone = jdbc.queryForList("select id from engine where id % 13 = 0", Long.class);
        jdbc.update("delete from engine where id % 13 = 0");
        // as a rewind announces it: the engines put back or deleted, and parameters or trust lists changed
        memory.indexed(MarketIndexed.of(Set.copyOf(gone), true));
        randomQueries(150, 12);
    }

    @Test
    void onlyAStandbyReadsEveryRowAgainEachPeriod() {
        AtomicBoolean indexer = new AtomicBoolean(false);
        EngineIndex index = new EngineIndex(jdbc, Duration.ZERO, Duration.ofDays(1), indexer::get);
        Listing listing = index.listing(); // the first read, on this thread; the others below too (no background)
        assertThat(index.due(listing)).as("a standby, whose rows another instance writes").isTrue();

        indexer.set(true);
        assertThat(index.due(listing)).as("just became the indexer: the standby's last read may be stale").isTrue();
        index.indexed(new MarketIndexed(Set.of(), true, true));
        assertThat(index.due(listing)).as("the indexer, its every write announced").isFalse();

        indexer.set(false);
        assertThat(index.due(listing)).as("a standby again").isTrue();
    }

    @Test
    void refusesWhatTheSqlCouldNotTake() {
        // refused as the query is read (EngineQuery) or as it is searched: either way a 400 naming the parameter
        assertThatThrownBy(() -> memory.search(EngineQuery.of(null, null, "eu\0west", null, null, null, null, null, null,
                null, null, null))).isInstanceOf(BadRequestException.class).hasMessageContaining("region");
        assertThatThrownBy(() -> memory.search(EngineQuery.of(null, null, null, null, null, null, null, null, null,
                "latency", null, new Cursor("latency", new BigDecimal("1e400"), 3).encode())))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("cursor");
    }

    private static void randomQueries(int count, long seed) {
        ListQueries queries = new ListQueries(seed);
        for (int n = 0; n < count; n++) {
            samePages(queries.next());
        }
    }

    /** Up to four pages each way, then each path continues from the other's cursor. */
    private static int samePages(Function<String, EngineQuery> after) {
        EngineQuery first = after.apply(null);
        EngineSearch.Page bySql = sql.search(first);
        EngineSearch.Page fromMemory = memory.search(first);
        sameBytes(first, fromMemory);
        int compared = 0;
        for (int page = 0; page < 4; page++) {
            assertThat(fromMemory.engines()).isEqualTo(bySql.engines());
            compared += bySql.engines().size();
            assertThat(fromMemory.nextCursor() == null).isEqualTo(bySql.nextCursor() == null);
            if (bySql.nextCursor() == null) {
                return compared;
            }
            sameCursor(fromMemory.nextCursor(), bySql.nextCursor(), first.sort());
            EngineQuery next = after.apply(bySql.nextCursor());
            EngineSearch.Page crossed = memory.search(next);
            sameBytes(next, crossed);
            bySql = sql.search(after.apply(fromMemory.nextCursor()));
            fromMemory = crossed;
        }
        return compared;
    }

    /** The bytes the API sends for a page are those the mapper writes for it. */
    private static void sameBytes(EngineQuery query, EngineSearch.Page page) {
        Listing listing = memory.listing();
        assertThat(new String(JSON.page(listing, ListingSearch.find(listing, query)), StandardCharsets.UTF_8))
                .isEqualTo(new String(MAPPER.writeValueAsBytes(page), StandardCharsets.UTF_8));
    }

    /** Cursors are opaque: the same sort, row and value (as the sort's SQL type compares it), however written. */
    private static void sameCursor(String memoryCursor, String sqlCursor, Sort sort) {
        Cursor a = Cursor.decode(memoryCursor, sort);
        Cursor b = Cursor.decode(sqlCursor, sort);
        assertThat(a.id()).isEqualTo(b.id());
        if (sort.key().equals("latency") || sort.key().equals("availability")) {
            assertThat(a.value().doubleValue()).isEqualTo(b.value().doubleValue());
        } else {
            assertThat(a.value()).isEqualByComparingTo(b.value());
        }
    }
}
