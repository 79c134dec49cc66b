package org.picomesh.directory.api;

import java.math.BigDecimal;
import java.util.List;
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
            Long lagBlocks, String indexerRole, Map<String, Long> enginesByRegion, List<PriceBucket> priceHistogram,
            List<StakePoint> stakeOverTime) {}

    /** Listed engines whose price per pico-hour lies in [fromWei, toWei). */
    record PriceBucket(String fromWei, String toWei, long engines) {}

    /** The market's total active stake after the given block. */
    record StakePoint(long block, String stakeWei) {}

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
                byRegion, priceHistogram(), stakeOverTime());
    }

    /** Ten equal buckets between the cheapest and the dearest listed engine. */
    private List<PriceBucket> priceHistogram() {
        return jdbc.query("""
                with bounds as (select min(price_per_hour) lo, max(price_per_hour) hi from engine_listing where listed),
                     buckets as (select least(width_bucket(price_per_hour, b.lo, b.hi + 1, 10), 10) n, count(*) c
                                 from engine_listing, bounds b where listed group by 1)
                select g n, b.lo + (b.hi + 1 - b.lo) * (g - 1) / 10 as from_wei, b.lo + (b.hi + 1 - b.lo) * g / 10 as to_wei,
                       coalesce(buckets.c, 0) c
                from bounds b, generate_series(1, 10) g left join buckets on buckets.n = g
                where b.lo is not null order by g""",
                (rs, n) -> new PriceBucket(rs.getBigDecimal("from_wei").toBigInteger().toString(),
                        rs.getBigDecimal("to_wei").toBigInteger().toString(), rs.getLong("c")));
    }

    /**
     * Total active stake over the indexed blocks, at most 60 points: every stake event carries the engine's
     * stake after it, so the total after a block is the sum of each engine's latest such value.
     */
    private List<StakePoint> stakeOverTime() {
        return jdbc.query("""
                with changes as (
                    select block_number, engine_id, (payload->>'stake')::numeric
                        - coalesce(lag((payload->>'stake')::numeric) over (partition by engine_id
                            order by block_number, log_index), 0) as delta
                    from chain_event
                    where kind in ('EngineRegistered', 'StakeAdded', 'UnbondRequested', 'EngineSlashed')),
                per_block as (select block_number, sum(delta) delta from changes group by block_number),
                running as (select block_number, sum(delta) over (order by block_number) total,
                                   ntile(60) over (order by block_number) tile from per_block)
                select max(block_number) block, (array_agg(total order by block_number desc))[1] total
                from running group by tile order by 1""",
                (rs, n) -> new StakePoint(rs.getLong("block"), rs.getBigDecimal("total").toBigInteger().toString()));
    }
}
