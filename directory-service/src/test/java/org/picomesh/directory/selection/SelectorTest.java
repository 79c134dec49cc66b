package org.picomesh.directory.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SelectorTest {
    private static final PlacementPolicy.Weights COST_ONLY = new PlacementPolicy.Weights(1.0, null, null, null, null);

    @Test
    void returnsTheCheapestFirstUpToTheLimitWithTiesByIdAndTheTotalsCounted() {
        // prices 5, 4, 3, 2, 1, 1 (ids 1-6) and one engine above the maximum price
        List<Candidate> engines = new ArrayList<>(LongStream.rangeClosed(1, 6)
                .mapToObj(id -> engine(id, Math.max(1, 6 - id))).toList());
        engines.add(engine(7, 50));

        Selector.Result result = Selector.select(engines, policy("10", null, 3), constraints("10"));

        assertThat(result.candidates()).extracting(Selector.Ranked::id).containsExactly(5L, 6L, 4L);
        assertThat(result.candidates().get(0).score()).isEqualTo(1.0);
        assertThat(result.candidates().get(0).factors().get("cost").share()).isEqualTo(1.0);
        assertThat(result.candidates().get(2).factors().get("cost").value()).isEqualTo(0.75);
        assertThat(result.excluded()).extracting(Selector.Excluded::id).containsExactly(7L);
        assertThat(result.excludedTotal()).isEqualTo(1);
        assertThat(result.considered()).isEqualTo(7);
    }

    @Test
    void theCurrentHostKeepsItsPlaceAgainstAMarginallyBetterOne() {
        List<Candidate> engines = List.of(engine(1, 100), engine(2, 99), engine(3, 1_000));

        Selector.Result stay = Selector.select(engines, policy("100000", 1L, 2), constraints("100000"));

        assertThat(stay.candidates()).extracting(Selector.Ranked::id).containsExactly(1L, 2L);
        assertThat(stay.candidates().get(0).currentHost()).isTrue();
        assertThat(stay.candidates().get(0).score()).isGreaterThan(stay.candidates().get(1).score());
    }

    @Test
    void excludesEnginesOutsideTheRegionsAndThoseAskedToBeLeftOut() {
        List<Candidate> engines = List.of(engine(1, 5, "eu-west"), engine(2, 5, "us-east"), engine(3, 5, "us-east"));
        PlacementPolicy.Constraints asked = new PlacementPolicy.Constraints(null, null, List.of("us-east", "ap-south"),
                null, null, null, null, List.of(3L));

        Selector.Result result = Selector.select(engines,
                new PlacementPolicy(asked, COST_ONLY, null, null, null, null).validated(), Constraints.of(asked, null));

        assertThat(result.candidates()).extracting(Selector.Ranked::id).containsExactly(2L);
        assertThat(result.excluded()).extracting(Selector.Excluded::id).containsExactly(1L, 3L);
        assertThat(result.excluded().get(0).reasons()).singleElement().asString().contains("eu-west");
    }

    private static Candidate engine(long id, long price) {
        return engine(id, price, "eu-west");
    }

    private static Candidate engine(long id, long price, String region) {
        return new Candidate(id, "listed", "https://e" + id + ".example", region, BigInteger.valueOf(price),
                BigInteger.TEN.pow(18), 4, 20, null, null);
    }

    private static PlacementPolicy policy(String maxPrice, Long current, int limit) {
        return new PlacementPolicy(constraintsOf(maxPrice), COST_ONLY, current, null, limit, null).validated();
    }

    private static PlacementPolicy.Constraints constraintsOf(String maxPrice) {
        return new PlacementPolicy.Constraints(maxPrice, null, null, null, null, null, null, null);
    }

    private static Constraints constraints(String maxPrice) {
        return Constraints.of(constraintsOf(maxPrice), null); // no trust list asked for
    }
}
