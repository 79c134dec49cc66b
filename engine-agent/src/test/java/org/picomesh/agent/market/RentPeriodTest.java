package org.picomesh.agent.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RentPeriodTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long KEPT = 86_400;

    @Test
    void aPicoThatMovedHereIsPaidAheadByItsOwnPolicyNotByTheDefault() throws Exception {
        assertThat(RentPeriod.of(JSON.readTree("{\"prepaidSeconds\": 7200, \"weights\": {\"cost\": 1}}"), KEPT))
                .isEqualTo(7200);
    }

    @Test
    void withoutAPeriodInItsPolicyTheKeptOneHolds() throws Exception {
        assertThat(RentPeriod.of(JSON.readTree("{\"weights\": {\"cost\": 1}}"), 3600)).isEqualTo(3600);
        assertThat(RentPeriod.of(null, 3600)).isEqualTo(3600);
        assertThat(RentPeriod.of(JSON.readTree("\"not a policy\""), 3600)).isEqualTo(3600);
    }

    @Test
    void aPolicyThatDoesNotValidateDoesNotSetThePeriod() throws Exception {
        assertThat(RentPeriod.of(JSON.readTree("{\"prepaidSeconds\": \"a week\"}"), KEPT)).isEqualTo(KEPT);
        assertThat(RentPeriod.of(JSON.readTree("{\"prepaidSeconds\": -5}"), KEPT)).isEqualTo(KEPT);
    }
}
