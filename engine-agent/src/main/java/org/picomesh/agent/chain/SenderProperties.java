package org.picomesh.agent.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the daemon sends its transactions ({@code picomesh.agent.tx.*}).
 *
 * @param maxGasPriceGwei the most it pays per gas, bumps included: a spike on the node never drains the agent key
 * @param bumpAfter how long a transaction may wait unmined before it is replaced with a higher gas price
 * @param maxBumps how many times one transaction is replaced before the agent gives up on it
 * @param receiptTimeout how long the agent waits for a transaction to be mined, replacements included
 */
@ConfigurationProperties("picomesh.agent.tx")
public record SenderProperties(
        @DefaultValue("500") BigDecimal maxGasPriceGwei,
        @DefaultValue("90s") Duration bumpAfter,
        @DefaultValue("4") int maxBumps,
        @DefaultValue("10m") Duration receiptTimeout) {

    public SenderProperties {
        if (maxGasPriceGwei.signum() <= 0 || maxBumps < 0 || bumpAfter.isNegative() || bumpAfter.isZero()
                || receiptTimeout.compareTo(bumpAfter) < 0) {
            throw new IllegalArgumentException("picomesh.agent.tx needs max-gas-price-gwei > 0, max-bumps >= 0 and "
                    + "0 < bump-after <= receipt-timeout");
        }
    }

    BigInteger maxGasPrice() {
        return maxGasPriceGwei.movePointRight(9).toBigInteger();
    }
}
