package org.picomesh.agent.advert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** When a measured latency earns a re-advert: beyond both thresholds, several times in a row, on one side. */
class LatencyDriftTest {
    /** More than 20 ms and more than 25 % off, three times in a row. */
    private final LatencyDrift drift = new LatencyDrift(20, 25, 3);

    private OptionalLong observeAll(long advertised, long... measured) {
        OptionalLong last = OptionalLong.empty();
        for (long m : measured) {
            last = drift.observe(advertised, m);
        }
        return last;
    }

    @Test
    void noiseWithinTheThresholdsNeverEarnsAReAdvert() {
        for (int round = 0; round < 50; round++) {
            assertThat(drift.observe(40, 40 + (round % 7) * 3 - 9)).isEmpty(); // 31 to 49 ms
        }
    }

    @Test
    void aDriftBeyondBothThresholdsForThreeMeasurementsReAdvertisesTheirMedian() {
        assertThat(drift.observe(40, 90)).isEmpty();
        assertThat(drift.observe(40, 120)).isEmpty();
        assertThat(drift.observe(40, 100)).hasValue(100);
    }

    @Test
    void oneMeasurementBackWithinTheThresholdsStartsTheCountAgain() {
        assertThat(observeAll(40, 90, 95, 45, 90, 95)).isEmpty();
        assertThat(drift.drifting()).isEqualTo(2);
        assertThat(drift.observe(40, 92)).hasValue(92);
    }

    @Test
    void jitterAcrossTheAdvertOnBothSidesIsNotADrift() {
        assertThat(observeAll(100, 300, 10, 300, 10, 300, 10)).isEmpty();
    }

    @Test
    void aSmallLatencyNeedsTheAbsoluteThresholdAndALargeOneTheRelativeOne() {
        // 5 ms advertised, 20 ms measured: 300 % off but only 15 ms
        assertThat(observeAll(5, 20, 20, 20, 20)).isEmpty();
        // 1000 ms advertised, 1200 ms measured: 200 ms off but only 20 %
        assertThat(observeAll(1000, 1200, 1200, 1200)).isEmpty();
        assertThat(observeAll(1000, 1300, 1300, 1300)).hasValue(1300);
    }

    @Test
    void aNewAdvertStartsANewStreak() {
        assertThat(observeAll(40, 90, 90)).isEmpty();
        assertThat(drift.observe(200, 90)).isEmpty(); // someone re-advertised 200 ms meanwhile
        assertThat(drift.drifting()).isEqualTo(1);
    }

    @Test
    void aLatencyThatDroppedIsReAdvertisedToo() {
        assertThat(observeAll(2000, 3, 2, 4)).hasValue(3);
    }
}
