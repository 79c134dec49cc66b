package org.picomesh.directory.probes;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.picomesh.directory.indexer.IndexRebuilt;
import org.springframework.context.event.EventListener;
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
        var id = new MapSqlParameterSource("id", engineId).addValue("lastOk", lastOk);
        jdbc.update(ROLL_UP, id);
        jdbc.update(COPY_TO_ENGINE + " and s.engine_id = :id", id);
    }

    /** After a rebuild the engine rows are new: copy the measurements onto them again. */
    @EventListener
    void restore(IndexRebuilt rebuilt) {
        jdbc.update(COPY_TO_ENGINE, new MapSqlParameterSource());
    }

    /** The 24-hour figures, copied onto the engine rows that lists filter and sort. */
    private static final String COPY_TO_ENGINE = """
            update engine e set last_probed_at = s.last_probed_at, last_ok = s.last_ok, p50_ms_24h = s.p50_ms_24h,
                p95_ms_24h = s.p95_ms_24h, availability_24h = s.availability_24h
            from probe_stats s where s.engine_id = e.id""";

    private static String window(String span) {
        String recent = "probed_at > now() - interval '" + span + "'";
        return "percentile_cont(0.5) within group (order by latency_ms) filter (where ok and " + recent + "), "
                + "percentile_cont(0.95) within group (order by latency_ms) filter (where ok and " + recent + "), "
                + "avg(case when ok then 1.0 else 0.0 end) filter (where " + recent + ")";
    }
}
