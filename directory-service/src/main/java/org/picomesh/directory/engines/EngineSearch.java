package org.picomesh.directory.engines;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Runs an {@link EngineQuery} as one keyset-paginated SQL query over the view {@code engine_listing}: the definition
 * of a list's answers, which the in-memory lists ({@link EngineIndex}) are held to by {@code ListingMatchesSqlIT}.
 * Not on the request path: lists are served from memory.
 */
class EngineSearch {
    /** A page of engines, the cursor of the next page if there is one, and where each figure comes from. */
    record Page(List<EngineSummary> engines, String nextCursor, Map<String, String> provenance) {}

    private final NamedParameterJdbcTemplate jdbc;

    EngineSearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Page search(EngineQuery q) {
        List<String> where = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource("limit", q.limit() + 1);
        filter(q, where, params);
        if (q.after() != null) {
            where.add("(" + q.sort().expression() + ", id) " + (q.sort().descending() ? "<" : ">") + " (:afterValue, :afterId)");
            params.addValue("afterValue", q.after().value()).addValue("afterId", q.after().id());
        }
        String sql = "select *, " + q.sort().expression() + " as sort_value from engine_listing"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by " + q.sort().sql() + " limit :limit";
        List<BigDecimal> sortValues = new ArrayList<>();
        List<EngineSummary> rows = jdbc.query(sql, params, (rs, n) -> {
            sortValues.add(rs.getBigDecimal("sort_value"));
            return EngineSummary.from(rs);
        });
        if (rows.size() <= q.limit()) {
            return new Page(rows, null, EngineSummary.PROVENANCE);
        }
        List<EngineSummary> page = rows.subList(0, q.limit());
        EngineSummary last = page.get(page.size() - 1);
        return new Page(page, new Cursor(q.sort().toString(), sortValues.get(q.limit() - 1), last.id()).encode(),
                EngineSummary.PROVENANCE);
    }

    /** The SQL of the filters alone, for benchmarks that compare the API with its bare query. */
    static void filter(EngineQuery q, List<String> where, MapSqlParameterSource params) {
        if (q.maxPrice() != null) {
            where.add("price_per_hour <= :maxPrice");
            params.addValue("maxPrice", new BigDecimal(q.maxPrice()));
        }
        if (q.minFreeCapacity() != null) {
            where.add("free_capacity >= :minFree");
            params.addValue("minFree", q.minFreeCapacity());
        }
        if (q.region() != null) {
            where.add("region = :region");
            params.addValue("region", q.region());
        }
        if (q.maxLatencyMs() != null) {
            where.add("p50_ms_24h <= :maxLatency");
            params.addValue("maxLatency", q.maxLatencyMs());
        }
        if (q.minStake() != null) {
            where.add("stake >= :minStake");
            params.addValue("minStake", new BigDecimal(q.minStake()));
        }
        if (q.minAvailability() != null) {
            where.add("availability_24h >= :minAvailability");
            params.addValue("minAvailability", q.minAvailability());
        }
        if (q.trustList() != null) {
            where.add("id in (select engine_id from trust_list_engine where list_id = :trustList)");
            params.addValue("trustList", q.trustList());
        }
        if (q.status() != null) {
            where.add("status = :status");
            params.addValue("status", q.status());
        }
        if (q.text() != null) {
            where.add("(endpoint ilike :text escape '\\' or did ilike :text escape '\\' or region ilike :text escape '\\')");
            params.addValue("text", "%" + q.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
    }
}
