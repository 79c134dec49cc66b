package org.picomesh.directory.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The roll-ups keep what the engine page and lists show: percentiles within a bucket (10 %), availability over sliding windows. */
class LatencyHistogramTest {
    @Test
    void readsMediansAndTailsWithinABucketsWidth() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            histogram.add(ms);
        }
        assertThat(histogram.percentile(0.5)).isCloseTo(50.0, within(2.5));
        assertThat(histogram.percentile(0.95)).isCloseTo(95.0, within(4.75));
    }

    @Test
    void hoursStoredApartAddUpToTheSameFigures() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int n = 0; n < 60; n++) {
            fast.add(3);
            slow.add(n < 20 ? 300 : 3);
        }
        LatencyHistogram both = new LatencyHistogram();
        both.add(fast.toSql(), 1);
        both.add(slow.toSql(), 1);
        assertThat(fast.toSql()).startsWith("[").contains("]={60}");
        assertThat(both.percentile(0.5)).isCloseTo(3.0, within(0.15));
        assertThat(both.percentile(0.95)).isCloseTo(300.0, within(30.0));
    }

    @Test
    void theHourAWindowStartsInCountsForItsPartInTheWindow() {
        Instant now = Instant.parse("2026-12-01T10:15:00Z");
        LatencyHistogram up = new LatencyHistogram();
        up.add(5);
        List<ProbeWindows.Hour> hours = List.of(
                new ProbeWindows.Hour(Instant.parse("2026-12-01T09:00:00Z"), 4, 0, 0, "{}"),
                new ProbeWindows.Hour(Instant.parse("2026-12-01T10:00:00Z"), 1, 1, 0.5, up.toSql()));
        ProbeWindows.Figures lastHour = new ProbeWindows(hours, now).over(Duration.ofHours(1));
        assertThat(lastHour.availability()).isCloseTo(1.0 / 4.0, within(1e-9)); // 3 of 4 failures, 1 of 1 answer
        assertThat(lastHour.p50()).isCloseTo(5.0, within(0.25));
        assertThat(new ProbeWindows(hours, now).over(Duration.ofMinutes(10)).availability()).isEqualTo(1.0);
    }
}
