package org.picomesh.agent.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.protocol.core.Response;

/** The sender's rules that need no node: what a refusal means for the nonce, what a replacement must pay. */
class SenderRulesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nonce too low: next nonce 5, tx nonce 4 | NONCE_USED", // geth, anvil
            "Nonce too low | NONCE_USED",
            "OldNonce, Current nonce: 5, nonce of rejected tx: 4 | NONCE_USED", // Nethermind
            "already known | ALREADY_KNOWN", // geth
            "transaction already imported | ALREADY_KNOWN", // anvil
            "AlreadyKnown | ALREADY_KNOWN",
            "replacement transaction underpriced | UNDERPRICED",
            "insufficient funds for gas * price + value | OTHER"})
    void readsWhatANodesRefusalMeansForTheNonce(String message, NodeReplies expected) {
        assertThat(NodeReplies.of(new Response.Error(-32000, message))).isEqualTo(expected);
    }

    @Test
    void aReplacementPaysAtLeastAnEighthMoreRoundedUp() {
        assertThat(GasPrices.replacing(BigInteger.valueOf(1_000_000_000))).isEqualTo(1_125_000_000);
        assertThat(GasPrices.replacing(BigInteger.valueOf(9))).isEqualTo(11); // 10.125 rounded up
        assertThat(GasPrices.replacing(BigInteger.ONE)).isEqualTo(2);
    }

    @Test
    void theGasPriceCapIsGivenInGwei() {
        var settings = new SenderProperties(new BigDecimal("0.5"), Duration.ofSeconds(30), 3, Duration.ofMinutes(5));
        assertThat(settings.maxGasPrice()).isEqualTo(500_000_000);
    }
}
