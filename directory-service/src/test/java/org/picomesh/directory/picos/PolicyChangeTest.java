package org.picomesh.directory.picos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.picomesh.directory.api.BadRequestException;

/** A new policy's body is checked before any host is asked, and the ECI is never repeated back. */
class PolicyChangeTest {
    private static final String ECI = "Ab12cd34EF56gh78ij90kl";

    @Test
    void aWellFormedChangeKeepsTheChannelAndThePolicyAsGiven() {
        PolicyChange change = PolicyChange.read("""
                {"eci": "%s", "policy": {"constraints": {"maxPrice": "4000000000000000"}, "weights": {"cost": 3}}}
                """.formatted(ECI));
        assertThat(change.eci()).isEqualTo(ECI);
        assertThat(change.policy()).isEqualTo("{\"constraints\":{\"maxPrice\":\"4000000000000000\"},"
                + "\"weights\":{\"cost\":3}}");
        assertThat(change.toString()).doesNotContain(ECI);
    }

    @Test
    void aPolicyTheSchemaRefusesIsNamedByItsField() {
        assertThatThrownBy(() -> PolicyChange.read("{\"eci\": \"" + ECI + "\", \"policy\": {\"constraints\": "
                + "{\"minAvailability\": 1.5}}}")).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("policy: the placement policy is not valid: constraints.minAvailability")
                .hasMessageNotContaining(ECI);
        assertThatThrownBy(() -> PolicyChange.read("{\"eci\": \"" + ECI + "\", \"policy\": {\"wieghts\": {}}}"))
                .hasMessageContaining("wieghts");
        assertThatThrownBy(() -> PolicyChange.read("{\"eci\": \"" + ECI + "\", \"policy\": \"{}\"}"))
                .hasMessageStartingWith("policy: a placement policy is needed, a JSON object");
        assertThatThrownBy(() -> PolicyChange.read("{\"eci\": \"" + ECI + "\"}")).hasMessageStartingWith("policy:");
    }

    @Test
    void aMissingOrMalformedChannelIsRefusedWithoutRepeatingIt() {
        for (String eci : new String[] {"\"\"", "null", "42", "\"ab/../cd\"", "\"ab cd\"", "\"ab%2Fcd\"",
                "\"" + "a".repeat(65) + "\"", "\"ab\\u0000cd\"", "\"écimal\""}) {
            assertThatThrownBy(() -> PolicyChange.read("{\"eci\": " + eci + ", \"policy\": {}}")).as(eci)
                    .isInstanceOf(BadRequestException.class).hasMessageStartingWith("eci: one of the pico's channels")
                    .hasMessageNotContaining(eci.length() > 4 ? eci.replace("\"", "") : "\u0000");
        }
        assertThatThrownBy(() -> PolicyChange.read("{\"policy\": {}}")).hasMessageStartingWith("eci:");
    }

    @Test
    void aBodyThatIsNotTheExpectedObjectSaysWhatToSend() {
        for (String body : new String[] {null, "", "[]", "\"x\"", "{\"eci\": \"" + ECI + "\",", "{\"eci\": \"" + ECI
                + "\" x}"}) {
            assertThatThrownBy(() -> PolicyChange.read(body)).as(String.valueOf(body))
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("{\"eci\": \"<one of the pico's")
                    .hasMessageNotContaining(ECI);
        }
        assertThatThrownBy(() -> PolicyChange.read("{\"eci\": \"" + ECI + "\", \"policy\": {}, \"owner\": 1}"))
                .hasMessage("unknown field 'owner': the body has eci and policy only");
        assertThatThrownBy(() -> PolicyChange.read("[".repeat(5000))).isInstanceOf(BadRequestException.class);
    }
}
