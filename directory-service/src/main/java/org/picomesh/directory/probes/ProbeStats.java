package org.picomesh.directory.probes;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Rolls an engine's samples up into medians, 95th percentiles and availability over 1 h, 24 h and 7 d. */
@Component
class ProbeStats {
    private static final String ROLL_UP = """
            insert into probe_stats (engine_id, last_probed_at, last_ok, p50_ms_1h, p95_ms_1h, availability_1h,
                p50_ms_24h, p95_ms_24h, availability_24h, p50_ms_7d, p95_ms_7d, availability_7d, samples_7d)
            select :id, max(probed_at), :lastOk,
                %s,
                %s,
                %s,
                count(*)
            from probe_sample where engine_id = :id and probed_at > now() - interval '7 days'
            on conflict (engine_id) do update set last_probed_at = excluded.last_probed_at, last_ok = excluded.last_ok,
                p50_ms_1h = excluded.p50_ms_1h, p95_ms_1h = excluded.p95_ms_1h,
                availability_1h = excluded.availability_1h, p50_ms_24h = excluded.p50_ms_24h,
                p95_ms_24h = excluded.p95_ms_24h, availability_24h = excluded.availability_24h,
                p50_ms_7d = excluded.p50_ms_7d, p95_ms_7d = excluded.p95_ms_7d,
                availability_7d = excluded.availability_7d, samples_7d = excluded.samples_7d"""
            .formatted(window("1 hour"), window("24 hours"), window("7 days"));

    private final NamedParameterJdbcTemplate jdbc;

    ProbeStats(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void rollUp(long engineId, boolean lastOk) {
        jdbc.update(ROLL_UP, new MapSqlParameterSource("id", engineId).addValue("lastOk", lastOk));
    }

    private static String window(String span) {
        String recent = "probed_at > now() - interval '" + span + "'";
        return "percentile_cont(0.5) within group (order by latency_ms) filter (where ok and " + recent + "), "
                + "percentile_cont(0.95) within group (order by latency_ms) filter (where ok and " + recent + "), "
                + "avg(case when ok then 1.0 else 0.0 end) filter (where " + recent + ")";
    }
}
