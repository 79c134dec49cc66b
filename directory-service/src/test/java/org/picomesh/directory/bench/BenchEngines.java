package org.picomesh.directory.bench;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Engines written straight into a directory's index for the probe bench (the prober reads the index, not the
 * chain): listed, confirmed, with an endpoint each, and optionally hours of probe history already rolled up.
 */
final class BenchEngines {
    private BenchEngines() {}

    /**
     * Engines 1..count at {@code endpoint} (followed by "/e/{id}" when {@code pathPerEngine}), each with
     * {@code historyHours} past hours of 120 probes (119 answered, about {@code typicalMs}). The history is written
     * first: a round that sees the engines finds their history there.
     */
    static void fill(JdbcTemplate jdbc, int count, String endpoint, boolean pathPerEngine, int historyHours,
            double typicalMs) {
        int bucket = (int) Math.floor(Math.log(typicalMs / 0.1) / Math.log(1.1)) + 1;
        jdbc.update("""
                insert into probe_hour (engine_id, hour, probes, answered, latency_sum_ms, connect_sum_ms, buckets)
                select n, date_trunc('hour', now()) - h * interval '1 hour', 120, 119, 119 * ?, 119 * 0.1,
                    cast(? as int[])
                from generate_series(1, ?) n, generate_series(1, ?) h""", typicalMs,
                "[" + bucket + ":" + (bucket + 1) + "]={60,59}", count, historyHours);
        jdbc.update("""
                insert into engine (id, operator, endpoint, did, region, metadata_cid, price_per_hour, latency_ms,
                    capacity, advert_hash, stake, unbonding, slashed, active_leases, registered_block, source_block,
                    source_block_hash)
                select n, '0x0000000000000000000000000000000000000001', ? || case when ? then '/e/' || n else '' end,
                    'did:web:bench', 'eu-west', '', 1000000000, 50, 10, '0x', 1000000000000000000, 0, 0, 0, 1, 0, '0x'
                from generate_series(1, ?) n""", endpoint, pathPerEngine, count);
    }
}
