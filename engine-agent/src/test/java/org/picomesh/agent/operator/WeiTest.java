package org.picomesh.agent.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WeiTest {
    @ParameterizedTest(name = "{0} is {1} wei")
    @CsvSource(delimiter = '|', value = {
            "0.5eth                  | 500000000000000000",
            "0.5 eth                 | 500000000000000000",
            "0.5 ETH                 | 500000000000000000",
            "3ether                  | 3000000000000000000",
            "2gwei                   | 2000000000",
            "1000000000wei           | 1000000000",
            "1                       | 1000000000000000000",
            "1.5                     | 1500000000000000000",
            ".25eth                  | 250000000000000000",
            "0.000000000000000001eth | 1",
            "0.000000001gwei         | 1",
            "0wei                    | 0"})
    void readsEtherGweiAndWeiAndABareNumberAsEther(String typed, String wei) {
        assertThat(Wei.parse(typed).value()).isEqualTo(new BigInteger(wei));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"1.5wei", "-1eth", "1e18", "lots", "", "1 btc", "1,5eth", "0x10", "eth", "1.eth",
            "0.0000000000000000001eth", "0.0000000000000000001", "1.0000000001gwei", "+1eth"})
    void refusesAnythingElseNamingTheInputAndTheAcceptedForms(String typed) {
        assertThatThrownBy(() -> Wei.parse(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + typed + "'")
                .hasMessageContaining("0.5eth, 2gwei or 1000000000wei");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "1.5wei                    | a wei cannot be divided",
            "1.0000000001gwei          | at most 9 decimals of gwei",
            "0.0000000000000000001eth  | at most 18 decimals of eth",
            "lots                      | not an amount"})
    void saysWhyAnAmountIsRefused(String typed, String why) {
        assertThatThrownBy(() -> Wei.parse(typed)).hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"115792089237316195423570985008687907853269984665640564039457584007913129639936wei",
            "1000000000000000000000000000000000000000000000000000000000000000000000eth"})
    void refusesMoreThanAUint256OfWei(String typed) {
        assertThatThrownBy(() -> Wei.parse(typed)).hasMessageContaining("uint256");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1500000000000000000 | 1.5 ETH", "1 | 0.000000000000000001 ETH", "0 | 0 ETH"})
    void printsAmountsInEther(String wei, String shown) {
        assertThat(Wei.of(new BigInteger(wei))).hasToString(shown);
    }
}
