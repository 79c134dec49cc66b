package org.picomesh.contracts.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RankingTest {
    private static final PlacementPolicy.Weights COST_ONLY = new PlacementPolicy.Weights(1.0, null, null, null, null);

    @Test
    void returnsTheCheapestFirstUpToTheLimitWithTiesByIdAndTheTotalsCounted() {
        // prices 5, 4, 3, 2, 1, 1 (ids 1-6) and one engine above the maximum price
        List<Candidate> engines = new ArrayList<>(LongStream.rangeClosed(1, 6)
                .mapToObj(id -> engine(id, Math.max(1, 6 - id))).toList());
        engines.add(engine(7, 50));

        Ranking.Result result = Ranking.select(engines, policy("10", null, 3), list -> Set.of());

        assertThat(result.candidates()).extracting(Ranking.Ranked::id).containsExactly(5L, 6L, 4L);
        assertThat(result.candidates().get(0).score()).isEqualTo(1.0);
        assertThat(result.candidates().get(0).factors().get("cost").share()).isEqualTo(1.0);
        assertThat(result.candidates().get(2).factors().get("cost").value()).isEqualTo(0.75);
        assertThat(result.excluded()).extracting(Ranking.Excluded::id).containsExactly(7L);
        assertThat(result.excluded().get(0).reasons()).singleElement().asString().contains("is above the maximum 10");
        assertThat(result.excluded().get(0).exclusions()).as("a code and the figures beside the words")
                .containsExactly(new Exclusion("price_above_max", result.excluded().get(0).reasons().get(0), "50", "10"));
        assertThat(result.excludedTotal()).isEqualTo(1);
        assertThat(result.considered()).isEqualTo(7);
    }

    @Test
    void theCurrentHostKeepsItsPlaceAgainstAMarginallyBetterOne() {
        List<Candidate> engines = List.of(engine(1, 100), engine(2, 99), engine(3, 1_000));

        Ranking.Result stay = Ranking.select(engines, policy("100000", 1L, 2), list -> Set.of());

        assertThat(stay.candidates()).extracting(Ranking.Ranked::id).containsExactly(1L, 2L);
        assertThat(stay.candidates().get(0).currentHost()).isTrue();
        assertThat(stay.candidates().get(0).score()).isGreaterThan(stay.candidates().get(1).score());
    }

    @Test
    void excludesEnginesOutsideTheRegionsAndThoseAskedToBeLeftOut() {
        List<Candidate> engines = List.of(engine(1, 5, "eu-west"), engine(2, 5, "us-east"), engine(3, 5, "us-east"));
        PlacementPolicy.Constraints asked = new PlacementPolicy.Constraints(null, null, List.of("us-east", "ap-south"),
                null, null, null, null, null, List.of(3L));

        Ranking.Result result = Ranking.select(engines,
                new PlacementPolicy(asked, COST_ONLY, null, null, null, null, null).withDefaults(), list -> Set.of());

        assertThat(result.candidates()).extracting(Ranking.Ranked::id).containsExactly(2L);
        assertThat(result.excluded()).extracting(Ranking.Excluded::id).containsExactly(1L, 3L);
        assertThat(result.excluded().get(0).reasons()).singleElement().asString().contains("eu-west");
        assertThat(result.excluded()).extracting(e -> e.exclusions().get(0).code())
                .containsExactly("region_not_allowed", "excluded_by_policy");
    }

    @Test
    void anEngineMustBeOnEveryRequiredTrustListAndUnmeasuredLatencyFailsAMaximum() {
        List<Candidate> engines = List.of(engine(1, 5), engine(2, 5), engine(3, 5).measured(12.0, null));
        Map<Long, Set<Long>> lists = Map.of(10L, Set.of(1L, 3L), 11L, Set.of(3L));
        PlacementPolicy policy = PolicyDocument.parse("{\"constraints\":{\"trustList\":10,\"trustLists\":[11],"
                + "\"maxLatencyMs\":50},\"weights\":{\"latency\":1}}");

        Ranking.Result result = Ranking.select(engines, policy, lists::get);

        assertThat(result.candidates()).extracting(Ranking.Ranked::id).containsExactly(3L);
        assertThat(result.candidates().get(0).factors().get("latency").source()).isEqualTo("measured");
        assertThat(result.candidates().get(0).factors().get("cost").source()).isEqualTo("onchain");
        assertThat(result.excluded().get(0).reasons()).contains("not on trust list 11")
                .anySatisfy(r -> assertThat(r).startsWith("latency not measured yet"));
        assertThat(result.excluded().get(1).reasons()).contains("not on trust list 10", "not on trust list 11");
    }

    @Test
    void onlyListedEnginesTakeNewLeases() {
        Candidate slashed = new Candidate(9, EngineStatus.of(BigInteger.ONE, BigInteger.ZERO, false, BigInteger.TWO,
                BigInteger.TEN), "https://e9.example", "eu-west", BigInteger.ONE, BigInteger.ONE, 4, 20, null, null);

        Ranking.Result result = Ranking.select(List.of(slashed), PlacementPolicy.none(), list -> Set.of());

        assertThat(result.candidates()).isEmpty();
        assertThat(result.excluded().get(0).reasons()).containsExactly(
                "status is slashed: only listed engines take new leases");
    }

    static Candidate engine(long id, long price) {
        return engine(id, price, "eu-west");
    }

    private static Candidate engine(long id, long price, String region) {
        return new Candidate(id, "listed", "https://e" + id + ".example", region, BigInteger.valueOf(price),
                BigInteger.TEN.pow(18), 4, 20, null, null);
    }

    private static PlacementPolicy policy(String maxPrice, Long current, int limit) {
        PlacementPolicy.Constraints k = new PlacementPolicy.Constraints(maxPrice, null, null, null, null, null, null,
                null, null);
        return new PlacementPolicy(k, COST_ONLY, current, null, null, limit, null).withDefaults();
    }
}
