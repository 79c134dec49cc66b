package org.picomesh.directory.engines;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a {@link Listing} is made of, read from the directory's tables: engine rows (all, or some again), the confirmed
 * head with the minimum stake, and the trust lists. Its callers hold the {@link EngineIndex}'s lock.
 */
final class ListingQueries {
    private final JdbcTemplate jdbc;
    private TextFolding folding;

    /** The market figures every listing carries. */
    record Market(long head, BigDecimal minStake) {}

    ListingQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How this database folds text for searches, read at the first call. */
    TextFolding folding() {
        if (folding == null) {
            folding = TextFolding.forCtype(jdbc.queryForObject("select case when datlocprovider = 'c' then datctype"
                    + " else 'unicode' end from pg_database where datname = current_database()", String.class));
        }
        return folding;
    }

    List<ListedEngine> all() {
        TextFolding folding = folding();
        return jdbc.query("select " + ListedEngine.COLUMNS + " from engine", (rs, n) -> ListedEngine.from(rs, folding));
    }

    /** These engines' rows, added to {@code rows} (an engine whose row is gone adds none). */
    void reread(Set<Long> engines, Collection<ListedEngine> rows) {
        TextFolding folding = folding();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("select " + ListedEngine.COLUMNS
                    + " from engine where id = any(?)");
            statement.setArray(1, connection.createArrayOf("bigint", engines.toArray()));
            return statement;
        }, rs -> {
            rows.add(ListedEngine.from(rs, folding));
        });
    }

    Market market() {
        Map<String, Object> market = jdbc.queryForMap("""
                select (select block from confirmed_head) as head,
                    coalesce((select value from market_parameter where name = 'minStake'), 0) as min_stake""");
        return new Market(((Number) market.get("head")).longValue(), (BigDecimal) market.get("min_stake"));
    }

    Map<Long, Set<Long>> trustLists() {
        Map<Long, Set<Long>> lists = new HashMap<>();
        jdbc.query("select list_id, engine_id from trust_list_engine", rs -> {
            lists.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getLong(2));
        });
        return lists;
    }
}
