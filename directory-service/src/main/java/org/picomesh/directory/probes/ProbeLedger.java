package org.picomesh.directory.probes;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes probes in batches: the raw samples, the per-hour roll-ups they add to, and the engines' figures, in one
 * transaction a batch. Each probe costs a constant amount of database work, whatever the history.
 */
final class ProbeLedger {
    private static final String SAMPLE = """
            insert into probe_sample (engine_id, probed_at, ok, latency_ms, connect_ms, error)
            values (?, ?, ?, ?, ?, ?)""";
    private static final String HOUR = """
            insert into probe_hour (engine_id, hour, probes, answered, latency_sum_ms, connect_sum_ms, buckets)
            values (?, ?, ?, ?, ?, ?, cast(? as int[]))
            on conflict (engine_id, hour) do update set probes = probe_hour.probes + excluded.probes,
                answered = probe_hour.answered + excluded.answered,
                latency_sum_ms = probe_hour.latency_sum_ms + excluded.latency_sum_ms,
                connect_sum_ms = probe_hour.connect_sum_ms + excluded.connect_sum_ms,
                buckets = probe_buckets_add(probe_hour.buckets, excluded.buckets)""";

    /** A batch's probes of one engine in one hour. */
    private static final class HourTotals {
        int probes;
        int answered;
        double latencySum;
        double connectSum;
        final LatencyHistogram latencies = new LatencyHistogram();
    }

    private record HourKey(long engineId, long hour) implements Comparable<HourKey> {
        public int compareTo(HourKey other) {
            int byEngine = Long.compare(engineId, other.engineId);
            return byEngine != 0 ? byEngine : Long.compare(hour, other.hour);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProbeStats stats;
    private final List<ProbeResult> pending = new ArrayList<>();

    ProbeLedger(JdbcTemplate jdbc, TransactionTemplate transactions, ProbeStats stats) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.stats = stats;
    }

    void record(ProbeResult result) {
        synchronized (pending) {
            pending.add(result);
        }
    }

    /** Writes what was measured since the last flush; the number of probes written. */
    synchronized int flush() {
        List<ProbeResult> batch;
        synchronized (pending) {
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        if (!batch.isEmpty()) {
            transactions.executeWithoutResult(status -> {
                writeSamples(batch);
                writeHours(batch);
                stats.update(batch);
            });
        }
        return batch.size();
    }

    private void writeSamples(List<ProbeResult> batch) {
        jdbc.batchUpdate(SAMPLE, batch.stream().map(r -> new Object[] {r.engineId(), Timestamp.from(r.at()), r.ok(),
                r.latencyMs(), r.connectMs(), r.error()}).toList());
    }

    private void writeHours(List<ProbeResult> batch) {
        Map<HourKey, HourTotals> hours = new TreeMap<>(); // in key order, so that concurrent writers cannot deadlock
        for (ProbeResult r : batch) {
            HourTotals totals = hours.computeIfAbsent(new HourKey(r.engineId(), r.at().getEpochSecond() / 3600 * 3600),
                    key -> new HourTotals());
            totals.probes++;
            if (r.ok()) {
                totals.answered++;
                totals.latencySum += r.latencyMs();
                totals.connectSum += r.connectMs();
                totals.latencies.add(r.latencyMs());
            }
        }
        jdbc.batchUpdate(HOUR, hours.entrySet().stream().map(e -> new Object[] {e.getKey().engineId(),
                new Timestamp(e.getKey().hour() * 1000), e.getValue().probes, e.getValue().answered,
                e.getValue().latencySum, e.getValue().connectSum, e.getValue().latencies.toSql()}).toList());
    }
}
