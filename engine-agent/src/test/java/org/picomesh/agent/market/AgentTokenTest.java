package org.picomesh.agent.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class AgentTokenTest {

    @Test
    void isWhatThePicoEnginesMathHmacMakesOfTheKeyTheRulesetHolds() {
        PicoKey key = new PicoKey(Credentials.create("0x" + "22".repeat(32)));

        // node -e "crypto.createHmac('sha256', '0x' + '22'.repeat(32)).update('org.picomesh.market').digest('hex')":
        // what math:hmac("sha256", ent:market_key, "org.picomesh.market") runs in pico-engine 0.48.1
        assertThat(AgentToken.of(key)).isEqualTo("ddb6b799568d23f3a42005e43c900bb9ea7fecf1dabeb5bf081cebee9530ecad");
    }

    @Test
    void differsFromPicoToPico() {
        PicoKey other = new PicoKey(Credentials.create("0x" + "23".repeat(32)));

        assertThat(AgentToken.of(other)).isNotEqualTo(AgentToken.of(new PicoKey(Credentials.create("0x"
                + "22".repeat(32)))));
    }
}
