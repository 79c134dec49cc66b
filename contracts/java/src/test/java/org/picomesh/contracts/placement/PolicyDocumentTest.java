package org.picomesh.contracts.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class PolicyDocumentTest {
    @Test
    void readsAFullPolicyAndFillsWhatItLeavesOut() {
        PlacementPolicy policy = PolicyDocument.parse("""
                {"constraints":{"maxPrice":"5000","regions":["eu-west"],"maxLatencyMs":80,"trustLists":[2,3]},
                 "weights":{"cost":2,"latency":1},"hysteresis":0.1,"moves":{"sustainedSeconds":5,"maxMoves":2}}""");

        assertThat(policy.constraints().maxPrice()).isEqualTo("5000");
        assertThat(policy.constraints().requiredTrustLists()).containsExactly(2L, 3L);
        assertThat(policy.weights().cost()).isEqualTo(2.0);
        assertThat(policy.weights().stake()).isNull();
        assertThat(policy.hysteresis()).isEqualTo(0.1);
        assertThat(policy.moves()).isEqualTo(new PlacementPolicy.Moves(5L, 2, 86_400L, 600L));
        assertThat(policy.limit()).isEqualTo(10);
    }

    @Test
    void aPolicySaysHowMuchRentItsLeasePaysAheadADayUnlessItSaysOtherwise() {
        assertThat(PolicyDocument.parse("{\"prepaidSeconds\":7200}").prepaidSeconds()).isEqualTo(7200L);
        assertThat(PolicyDocument.parse("{}").prepaidSeconds()).isEqualTo(86_400L);
        assertThat(refused("{\"prepaidSeconds\":5}").problems()).extracting(PolicyProblem::path)
                .containsExactly("prepaidSeconds");
    }

    @Test
    void noBodyIsTheDefaultPolicy() {
        assertThat(PolicyDocument.parse("")).isEqualTo(PlacementPolicy.none());
        assertThat(PolicyDocument.parse("{}")).isEqualTo(PlacementPolicy.none());
    }

    @Test
    void namesEveryFieldThatIsWrongAndWhatIsWrongWithIt() {
        InvalidPolicyException e = refused("""
                {"constraints":{"maxPrice":"12.5","regions":"eu-west","minAvailability":2},
                 "weights":{"cost":-1},"moves":{"maxMoves":0},"colour":"blue"}""");

        assertThat(e.problems()).extracting(PolicyProblem::path).contains("constraints.maxPrice", "constraints.regions",
                "constraints.minAvailability", "weights.cost", "moves.maxMoves");
        assertThat(e.getMessage()).contains("weights.cost").contains("colour");
        assertThat(e.problems()).filteredOn(p -> p.path().equals("weights.cost")).singleElement().asString()
                .contains("0");
    }

    @Test
    void refusesWeiAmountsAboveTheLargestUint256() {
        InvalidPolicyException e = refused("{\"constraints\":{\"minStake\":\"" + "9".repeat(78) + "\"}}");

        assertThat(e.problems()).singleElement().isEqualTo(
                new PolicyProblem("constraints.minStake", "must be a whole number of wei from 0 to 2^256-1"));
    }

    @Test
    void saysWhereADocumentStopsBeingJson() {
        assertThat(refused("{not json").getMessage()).contains("not JSON").contains("line 1");
        assertThat(refused("[1,2]").getMessage()).contains("object");
    }

    @Test
    void refusesWhatFollowsTheDocumentAndNestingFarDeeperThanAPolicy() {
        assertThat(refused("{\"limit\": 1} {}").getMessage()).contains("not JSON").contains("line 1");
        assertThat(refused("{\"limit\": 1} x").getMessage()).contains("not JSON");
        assertThat(refused("[".repeat(5_000) + "]".repeat(5_000)).getMessage()).contains("nested too deep")
                .contains(String.valueOf(PolicyDocument.MAX_DEPTH));
    }

    @Test
    void namesTheArrayThatHoldsANullOrAControlCharacter() {
        assertThat(refused("{\"constraints\":{\"excludeEngines\":[1,null]}}").problems()).extracting(PolicyProblem::path)
                .containsExactly("constraints.excludeEngines[1]");
        assertThat(refused("{\"constraints\":{\"regions\":[\"eu\\u0000\"]}}").problems())
                .extracting(PolicyProblem::path).containsExactly("constraints.regions[0]");
    }

    @Test
    void writesAPolicyThatReadsBackTheSame() {
        PlacementPolicy policy = PolicyDocument.parse("{\"constraints\":{\"maxPrice\":\"7\"},\"currentEngine\":4}");

        assertThat(PolicyDocument.parse(PolicyDocument.write(policy))).isEqualTo(policy);
        assertThat(PolicyDocument.schema()).contains("\"sustainedSeconds\"");
    }

    private static InvalidPolicyException refused(String json) {
        return catchThrowableOfType(InvalidPolicyException.class, () -> PolicyDocument.parse(json));
    }
}
