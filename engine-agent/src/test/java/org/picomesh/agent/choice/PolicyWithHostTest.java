package org.picomesh.agent.choice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.placement.PolicyDocument;

class PolicyWithHostTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDirectoryIsAskedWithThePicosOwnPolicyAndItsHostNowWithoutChangingThePicosCopy() throws Exception {
        var kept = JSON.readTree("{\"constraints\": {\"maxPrice\": \"2000\"}, \"currentEngine\": 9,"
                + " \"weights\": {\"cost\": 1}}");

        String asked = PolicyWithHost.document(kept, 3);

        var policy = PolicyDocument.parse(asked);
        assertThat(policy.currentEngine()).as("the host now, not what the pico's document said").isEqualTo(3L);
        assertThat(policy.constraints().maxPrice()).isEqualTo("2000");
        assertThat(policy.weights().cost()).isEqualTo(1.0);
        assertThat(kept.path("currentEngine").asLong()).as("the pico's copy untouched").isEqualTo(9);
    }

    @Test
    void aPicoWithoutAPolicyAsksWithItsHostAlone() {
        assertThat(PolicyDocument.parse(PolicyWithHost.document(null, 4)).currentEngine()).isEqualTo(4L);
    }
}
