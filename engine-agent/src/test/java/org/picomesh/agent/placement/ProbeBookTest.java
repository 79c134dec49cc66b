package org.picomesh.agent.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.placement.Candidate;

/** What the agent's probes tell the ranking about an engine, over time and across a change of its endpoint. */
class ProbeBookTest {
    private static final String NEAR = "http://127.0.0.1:8001";
    private static final String FAR = "http://127.0.0.1:8002";

    private final Map<String, Double> latencies = new HashMap<>(Map.of(NEAR, 8.0, FAR, 900.0));
    private final List<String> probed = new ArrayList<>();
    private final StepClock clock = new StepClock();
    private final ProbeBook book = new ProbeBook(endpoint -> {
        synchronized (probed) {
            probed.add(endpoint);
        }
        return latencies.get(endpoint);
    }, Duration.ofSeconds(30), clock);

    @Test
    void anEngineIsProbedAgainOnlyOnceItsMeasurementIsOlderThanTheTtl() {
        assertThat(measure(NEAR).measuredLatencyMs()).isEqualTo(8.0);
        clock.advance(Duration.ofSeconds(10));
        measure(NEAR);
        assertThat(probed).as("within the ttl the last measurement is used").hasSize(1);
        clock.advance(Duration.ofSeconds(25));
        measure(NEAR);
        assertThat(probed).hasSize(2);
    }

    @Test
    void anEngineThatAdvertisesAnotherEndpointIsJudgedByThatEndpointAtOnce() {
        for (int i = 0; i < 10; i++) {
            assertThat(measure(NEAR).measuredLatencyMs()).isEqualTo(8.0);
            clock.advance(Duration.ofSeconds(31));
        }
        clock.advance(Duration.ofSeconds(-30)); // well within the ttl of the last probe of the old endpoint

        Candidate moved = measure(FAR);

        assertThat(probed).as("the new endpoint probed at once").hasSize(11).endsWith(FAR);
        assertThat(moved.measuredLatencyMs()).as("ten fast probes of the old endpoint do not hide the slow one")
                .isEqualTo(900.0);
        assertThat(moved.availability()).isEqualTo(1.0);
    }

    @Test
    void availabilityIsTheShareOfTheCurrentEndpointsProbesThatWereAnswered() {
        measure(NEAR);
        clock.advance(Duration.ofSeconds(31));
        latencies.remove(FAR); // the new endpoint does not answer
        Candidate silent = measure(FAR);
        assertThat(silent.measuredLatencyMs()).isNull();
        assertThat(silent.availability()).as("the old endpoint's answer does not count").isEqualTo(0.0);
        clock.advance(Duration.ofSeconds(31));
        latencies.put(FAR, 40.0);
        assertThat(measure(FAR).availability()).isEqualTo(0.5);
    }

    private Candidate measure(String endpoint) {
        Candidate engine = new Candidate(7, "listed", endpoint, "eu-west", BigInteger.ONE, BigInteger.TEN, 3, 10,
                null, null);
        return book.measured(List.of(engine)).get(0);
    }

    private static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
