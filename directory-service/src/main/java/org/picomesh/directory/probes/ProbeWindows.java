package org.picomesh.directory.probes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The figures of a sliding window read from whole hours: hours inside the window count fully, the hour the window
 * starts in counts for the part of it inside the window (at 10:15 the last hour is 9:15-10:15: the 10:00 hour
 * and three quarters of the 9:00 one).
 */
final class ProbeWindows {
    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofHours(24);
    static final Duration WEEK = Duration.ofDays(7);

    /** One engine's roll-up of one hour. */
    record Hour(Instant start, int probes, int answered, double connectSumMs, String buckets) {}

    /** Weighted counts; percentiles and availability are null when nothing was measured. */
    record Figures(Double p50, Double p95, Double availability, Double meanConnectMs, double probes) {}

    private final List<Hour> hours;
    private final Instant now;

    ProbeWindows(List<Hour> hours, Instant now) {
        this.hours = hours;
        this.now = now;
    }

    Figures over(Duration span) {
        Instant from = now.minus(span);
        LatencyHistogram latencies = new LatencyHistogram();
        double probes = 0;
        double answered = 0;
        double connect = 0;
        for (Hour hour : hours) {
            Instant end = hour.start().plus(HOUR);
            if (!end.isAfter(from) || hour.start().isAfter(now)) {
                continue;
            }
            double weight = hour.start().isBefore(from)
                    ? Duration.between(from, end).toMillis() / (double) HOUR.toMillis() : 1.0;
            probes += weight * hour.probes();
            answered += weight * hour.answered();
            connect += weight * hour.connectSumMs();
            latencies.add(hour.buckets(), weight);
        }
        return new Figures(latencies.percentile(0.5), latencies.percentile(0.95), probes > 0 ? answered / probes : null,
                answered > 0 ? connect / answered : null, probes);
    }
}
