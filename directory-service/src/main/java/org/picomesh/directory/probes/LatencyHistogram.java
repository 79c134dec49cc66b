package org.picomesh.directory.probes;

import java.util.Arrays;

/**
 * Counts of latencies in geometric buckets (each 10 % wider than the last, from 0.1 ms to about a minute), so
 * that hours of probes add up by adding counts and a percentile read from them is within a bucket (10 %) of the true one.
 * Stored as a PostgreSQL {@code int[]} holding only the buckets from the first to the last used one, with its own
 * lower bound (for example {@code [23:25]={4,11,1}}), and added in SQL by {@code probe_buckets_add} (V6).
 */
final class LatencyHistogram {
    static final double FIRST_MS = 0.1;
    static final double GROWTH = 1.1;
    static final int LAST = 140;

    private final double[] counts = new double[LAST + 1];

    static int bucket(double millis) {
        if (!(millis > FIRST_MS)) {
            return 0;
        }
        return (int) Math.min(LAST, Math.floor(Math.log(millis / FIRST_MS) / Math.log(GROWTH)));
    }

    void add(double millis) {
        counts[bucket(millis)]++;
    }

    /** Adds a stored histogram, its counts weighted (a window's oldest hour counts in part). */
    void add(String stored, double weight) {
        if (stored == null || stored.equals("{}")) {
            return;
        }
        int lower = 1;
        String values = stored;
        if (stored.startsWith("[")) {
            lower = Integer.parseInt(stored.substring(1, stored.indexOf(':')));
            values = stored.substring(stored.indexOf('=') + 1);
        }
        String[] parts = values.substring(1, values.length() - 1).split(",");
        for (int i = 0; i < parts.length; i++) {
            int index = lower + i - 1; // SQL arrays hold bucket n at index n + 1: PostgreSQL's default lower bound is 1
            if (index >= 0 && index <= LAST) {
                counts[index] += weight * Integer.parseInt(parts[i].strip());
            }
        }
    }

    double total() {
        return Arrays.stream(counts).sum();
    }

    /** The latency below which {@code share} of the counts fall, interpolated within its bucket; null when empty. */
    Double percentile(double share) {
        double total = total();
        if (total <= 0) {
            return null;
        }
        double target = share * total;
        double below = 0;
        for (int i = 0; i <= LAST; i++) {
            if (counts[i] > 0 && below + counts[i] >= target) {
                double within = Math.max(0, Math.min(1, (target - below) / counts[i]));
                return i == 0 ? FIRST_MS * GROWTH * within : FIRST_MS * Math.pow(GROWTH, i + within);
            }
            below += counts[i];
        }
        return FIRST_MS * Math.pow(GROWTH, LAST + 1);
    }

    /** The used buckets as a PostgreSQL array literal with explicit bounds, or {@code {}}. */
    String toSql() {
        int from = 0;
        while (from <= LAST && counts[from] == 0) {
            from++;
        }
        if (from > LAST) {
            return "{}";
        }
        int to = LAST;
        while (counts[to] == 0) {
            to--;
        }
        StringBuilder sql = new StringBuilder("[").append(from + 1).append(':').append(to + 1).append("]={");
        for (int i = from; i <= to; i++) {
            sql.append(i == from ? "" : ",").append((long) counts[i]);
        }
        return sql.append('}').toString();
    }
}
