package org.picomesh.directory.probes;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.picomesh.directory.indexer.IndexRebuilt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An engine's medians, 95th percentiles and availability over 1 h, 24 h and 7 d, read from its per-hour roll-ups:
 * the 1 h and 24 h figures (those lists filter and sort on) after every batch, up to 25 hours read; the 7 d ones at
 * most every {@code statsRefresh}, up to 169 hours read. A probe's cost does not grow with the history kept.
 */
@Component
class ProbeStats {
    private static final String FULL = """
            insert into probe_stats (engine_id, last_probed_at, last_ok, p50_ms_1h, p95_ms_1h, availability_1h,
                p50_ms_24h, p95_ms_24h, availability_24h, connect_ms_24h, p50_ms_7d, p95_ms_7d, availability_7d,
                samples_7d, rolled_up_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (engine_id) do update set last_probed_at = excluded.last_probed_at, last_ok = excluded.last_ok,
                p50_ms_1h = excluded.p50_ms_1h, p95_ms_1h = excluded.p95_ms_1h,
                availability_1h = excluded.availability_1h, p50_ms_24h = excluded.p50_ms_24h,
                p95_ms_24h = excluded.p95_ms_24h, availability_24h = excluded.availability_24h,
                connect_ms_24h = excluded.connect_ms_24h, p50_ms_7d = excluded.p50_ms_7d,
                p95_ms_7d = excluded.p95_ms_7d, availability_7d = excluded.availability_7d,
                samples_7d = excluded.samples_7d, rolled_up_at = excluded.rolled_up_at""";
    private static final String RECENT = """
            update probe_stats set last_probed_at = ?, last_ok = ?, p50_ms_1h = ?, p95_ms_1h = ?, availability_1h = ?,
                p50_ms_24h = ?, p95_ms_24h = ?, availability_24h = ?, connect_ms_24h = ?
            where engine_id = ?""";
    /** The 24-hour figures, copied onto the engine rows that lists filter and sort. */
    private static final String COPY_TO_ENGINE = """
            update engine e set last_probed_at = s.last_probed_at, last_ok = s.last_ok, p50_ms_24h = s.p50_ms_24h,
                p95_ms_24h = s.p95_ms_24h, availability_24h = s.availability_24h
            from probe_stats s where s.engine_id = e.id""";

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher publisher;
    private final Duration refresh;
    private final Clock clock;
    /** When each engine's 7 d figures were last computed by this instance; empty after a start. */
    private final Map<Long, Instant> refreshed = new ConcurrentHashMap<>();

    @Autowired
    ProbeStats(JdbcTemplate jdbc, ApplicationEventPublisher publisher, ProbeProperties properties) {
        this(jdbc, publisher, properties.statsRefresh(), Clock.systemUTC());
    }

    ProbeStats(JdbcTemplate jdbc, ApplicationEventPublisher publisher, Duration refresh, Clock clock) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.refresh = refresh;
        this.clock = clock;
    }

    /** Recomputes the figures of the engines of a batch whose hours were just written (in its transaction). */
    void update(List<ProbeResult> batch) {
        Instant now = clock.instant();
        Map<Long, ProbeResult> latest = batch.stream().collect(Collectors.toMap(ProbeResult::engineId, r -> r,
                (a, b) -> a.at().isAfter(b.at()) ? a : b, HashMap::new));
        List<Long> full = new ArrayList<>();
        List<Long> recent = new ArrayList<>();
        for (Long id : latest.keySet()) {
            Instant last = refreshed.get(id);
            (last == null || !last.plus(refresh).isAfter(now) ? full : recent).add(id);
        }
        Map<Long, List<ProbeWindows.Hour>> hours = new HashMap<>();
        read(full, now.minus(ProbeWindows.WEEK).minus(ProbeWindows.HOUR), hours);
        read(recent, now.minus(ProbeWindows.DAY).minus(ProbeWindows.HOUR), hours);
        List<Object[]> fullRows = full.stream().sorted()
                .map(id -> fullRow(id, latest.get(id), new ProbeWindows(hours.getOrDefault(id, List.of()), now), now))
                .toList();
        List<Object[]> recentRows = recent.stream().sorted()
                .map(id -> recentRow(id, latest.get(id), new ProbeWindows(hours.getOrDefault(id, List.of()), now)))
                .toList();
        jdbc.batchUpdate(FULL, fullRows);
        jdbc.batchUpdate(RECENT, recentRows);
        jdbc.batchUpdate(COPY_TO_ENGINE + " and e.id = ?", latest.keySet().stream().sorted()
                .map(id -> new Object[] {id}).toList());
        full.forEach(id -> refreshed.put(id, now));
        publisher.publishEvent(new EnginesMeasured(Set.copyOf(latest.keySet())));
    }

    private static Object[] fullRow(long id, ProbeResult last, ProbeWindows w, Instant now) {
        ProbeWindows.Figures h1 = w.over(ProbeWindows.HOUR), d1 = w.over(ProbeWindows.DAY), d7 = w.over(ProbeWindows.WEEK);
        return new Object[] {id, Timestamp.from(last.at()), last.ok(), h1.p50(), h1.p95(), h1.availability(), d1.p50(),
                d1.p95(), d1.availability(), d1.meanConnectMs(), d7.p50(), d7.p95(), d7.availability(),
                (int) Math.round(d7.probes()), Timestamp.from(now)};
    }

    private static Object[] recentRow(long id, ProbeResult last, ProbeWindows w) {
        ProbeWindows.Figures h1 = w.over(ProbeWindows.HOUR), d1 = w.over(ProbeWindows.DAY);
        return new Object[] {Timestamp.from(last.at()), last.ok(), h1.p50(), h1.p95(), h1.availability(), d1.p50(),
                d1.p95(), d1.availability(), d1.meanConnectMs(), id};
    }

    private void read(List<Long> engines, Instant since, Map<Long, List<ProbeWindows.Hour>> into) {
        if (engines.isEmpty()) {
            return;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    select engine_id, hour, probes, answered, connect_sum_ms, buckets::text from probe_hour
                    where engine_id = any(?) and hour > ?""");
            statement.setArray(1, connection.createArrayOf("bigint", engines.toArray()));
            statement.setTimestamp(2, Timestamp.from(since));
            return statement;
        }, rs -> {
            into.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(new ProbeWindows.Hour(
                    rs.getTimestamp(2).toInstant(), rs.getInt(3), rs.getInt(4), rs.getDouble(5), rs.getString(6)));
        });
    }

    /** After a rebuild the engine rows are new: copy the measurements onto them again. */
    @EventListener
    void restore(IndexRebuilt rebuilt) {
        jdbc.update(COPY_TO_ENGINE);
    }

    /** Forgets when figures were computed: the next batch computes every engine's 7 d figures again. */
    void forget() {
        refreshed.clear();
    }
}
