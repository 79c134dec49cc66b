package org.picomesh.agent.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {
    private static final String CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @ParameterizedTest
    @ValueSource(strings = {CHECKSUMMED, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", "0x0000000000000000000000000000000000000000"})
    void acceptsAddressesInOneCaseOrWithAValidChecksum(String typed) {
        assertThat(Address.parse(typed).hex()).isEqualTo(typed);
    }

    @Test
    void refusesAMixedCaseAddressWhoseChecksumFails() {
        String typo = CHECKSUMMED.replace("aAeb", "aaEb");
        assertThatThrownBy(() -> Address.parse(typo)).hasMessageContaining("'" + typo + "'")
                .hasMessageContaining("EIP-55 checksum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedff", "0xzaaeb6053f3e94c9b9a09f33669435e7ef1beaed", "alice.eth"})
    void refusesWhatIsNotAnAddress(String typed) {
        assertThatThrownBy(() -> Address.parse(typed)).hasMessageContaining("'" + typed + "'")
                .hasMessageContaining("0x and 40 hex digits");
    }
}
