package org.picomesh.directory.api;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.picomesh.directory.indexer.IndexerStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The market in a few numbers, and how far the index is behind the chain. */
@RestController
class StatsController {
    record Stats(long engines, long listedEngines, Metric totalStake, long activeLeases, Long indexedBlock, Long chainHead,
            Long lagBlocks, String indexerRole, Map<String, Long> enginesByRegion) {}

    private final JdbcTemplate jdbc;
    private final IndexerStatus indexer;

    StatsController(JdbcTemplate jdbc, IndexerStatus indexer) {
        this.jdbc = jdbc;
        this.indexer = indexer;
    }

    @GetMapping("/api/stats")
    Stats stats() {
        Map<String, Object> totals = jdbc.queryForMap("""
                select count(*) as engines, count(*) filter (where listed) as listed, coalesce(sum(stake), 0) as stake,
                    (select count(*) from lease where status = 'active') as leases,
                    (select block_number from indexer_checkpoint) as indexed
                from engine_listing""");
        Map<String, Long> byRegion = new TreeMap<>();
        jdbc.query("select region, count(*) from engine group by region", rs -> {
            byRegion.put(rs.getString(1), rs.getLong(2));
        });
        Long indexed = totals.get("indexed") == null ? null : ((Number) totals.get("indexed")).longValue();
        Long head = indexer.head() < 0 ? null : indexer.head();
        Long lag = indexed == null || head == null ? null : Math.max(0, head - indexed);
        return new Stats(((Number) totals.get("engines")).longValue(), ((Number) totals.get("listed")).longValue(),
                Metric.onchain(new BigDecimal(totals.get("stake").toString()).toPlainString(), "wei"),
                ((Number) totals.get("leases")).longValue(), indexed, head, lag, indexer.role().name().toLowerCase(),
                byRegion);
    }
}
