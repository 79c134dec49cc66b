package org.picomesh.directory.selection;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.picomesh.contracts.placement.Candidate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every engine's placement figures, read at most once per {@code picomesh.api.list-cache-ttl} (250 ms) and
 * shared by the placement requests of that moment: a policy is scored in memory, never with a scan per request.
 * An expired snapshot is re-read in the background while requests go on with it (never older than the time
 * one read takes); only the very first request waits for a read.
 */
@Component
class CandidateSnapshot {
    private record Snapshot(long takenAt, List<Candidate> engines) {}

    private final JdbcTemplate jdbc;
    private final long ttlNanos;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "placement-snapshot");
        thread.setDaemon(true);
        return thread;
    });

    CandidateSnapshot(JdbcTemplate jdbc, @Value("${picomesh.api.list-cache-ttl:250ms}") Duration ttl) {
        this.jdbc = jdbc;
        this.ttlNanos = ttl.toNanos();
    }

    List<Candidate> engines() {
        Snapshot snapshot = current.get();
        if (snapshot == null) {
            snapshot = new Snapshot(System.nanoTime(), read());
            current.set(snapshot);
        } else if (System.nanoTime() - snapshot.takenAt() >= ttlNanos && refreshing.compareAndSet(false, true)) {
            refresher.execute(() -> {
                try {
                    current.set(new Snapshot(System.nanoTime(), read()));
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return snapshot.engines();
    }

    /** The engines on a trust list (never cached: curators expect their change to count at once). */
    Set<Long> trusted(long listId) {
        return Set.copyOf(jdbc.queryForList("select engine_id from trust_list_engine where list_id = ?", Long.class, listId));
    }

    private List<Candidate> read() {
        return jdbc.query("""
                select id, status, endpoint, region, price_per_hour, stake, free_capacity, latency_ms, p50_ms_24h,
                    availability_24h from engine_listing order by id""",
                (rs, n) -> new Candidate(rs.getLong("id"), rs.getString("status"), rs.getString("endpoint"),
                        rs.getString("region"), integer(rs.getBigDecimal("price_per_hour")),
                        integer(rs.getBigDecimal("stake")), rs.getLong("free_capacity"), rs.getLong("latency_ms"),
                        rs.getObject("p50_ms_24h", Double.class), rs.getObject("availability_24h", Double.class)));
    }

    private static java.math.BigInteger integer(BigDecimal value) {
        return value.toBigIntegerExact();
    }
}
