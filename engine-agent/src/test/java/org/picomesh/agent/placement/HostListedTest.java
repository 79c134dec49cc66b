package org.picomesh.agent.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.placement.Candidate;
import org.picomesh.contracts.placement.HardConstraints;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.picomesh.contracts.placement.Ranking;

/** A pico's host that breaks its policy is named among the excluded engines however many others are excluded. */
class HostListedTest {
    private static final BigInteger MAX = BigInteger.valueOf(1_000);

    @Test
    void aHostBreakingThePolicyIsListedWithItsReasonsBeyondTheFirstHundredExcluded() {
        List<Candidate> engines = new ArrayList<>();
        for (long id = 1; id <= 150; id++) {
            engines.add(engine(id, MAX.add(BigInteger.ONE), 10.0)); // too dear: excluded before the host
        }
        engines.add(engine(151, MAX, 900.0)); // the host: its price passes, its measured latency does not
        engines.add(engine(152, MAX, 10.0));
        Ranking.Result result = rank(engines, 151);

        assertThat(result.excludedTotal()).isEqualTo(151);
        assertThat(result.excluded()).hasSize(101);
        Ranking.Excluded host = result.excluded().get(100);
        assertThat(host.id()).isEqualTo(151);
        assertThat(host.reasons()).containsExactly("measured latency 900.0 ms is above 500.0 ms");
        assertThat(result.best().id()).isEqualTo(152);
    }

    @Test
    void aHostThatPassesIsNotListedAsExcludedEvenWhenItRanksBelowTheLimit() {
        List<Candidate> engines = new ArrayList<>();
        for (long id = 1; id <= 20; id++) {
            engines.add(engine(id, MAX.subtract(BigInteger.valueOf(20 - id)), 10.0)); // the host, 20, dearest
        }
        Ranking.Result result = rank(engines, 20);

        assertThat(result.excluded()).isEmpty();
        assertThat(result.candidates()).extracting(Ranking.Ranked::id).doesNotContain(20L);
    }

    private static Ranking.Result rank(List<Candidate> engines, long host) {
        PlacementPolicy policy = PolicyDocument.parse("{\"constraints\": {\"maxPrice\": \"" + MAX + "\","
                + " \"maxLatencyMs\": 500}, \"weights\": {\"cost\": 1, \"latency\": 0, \"availability\": 0,"
                + " \"stake\": 0, \"freeCapacity\": 0}}").withCurrentEngine(host);
        HardConstraints constraints = HardConstraints.of(policy.constraints(), list -> Set.of());
        return ChainSelection.withHostListed(Ranking.select(engines, policy, constraints), engines, policy,
                constraints);
    }

    private static Candidate engine(long id, BigInteger price, double latencyMs) {
        return new Candidate(id, "listed", "http://127.0.0.1:" + (9000 + id), "eu-west", price, BigInteger.TEN.pow(18),
                3, 10, latencyMs, 1.0);
    }
}
