package org.picomesh.agent.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.Web3j;

/**
 * Legacy gas prices for the daemon's transactions: the node's price of the moment, never above the configured cap;
 * a replacement pays at least 12.5 % more than the one it replaces (the pools' replacement rule: geth asks 10 %,
 * EIP-1559 pools 12.5 %), or the node's current price when that is higher.
 */
final class GasPrices {
    private final Web3j web3j;
    private final BigInteger cap;

    GasPrices(Web3j web3j, BigInteger cap) {
        this.web3j = web3j;
        this.cap = cap;
    }

    BigInteger now() throws TransactionFailed.Refused {
        return node().min(cap);
    }

    /** The replacement's price, or nothing when the cap leaves no room for a valid replacement. */
    Optional<BigInteger> bumped(BigInteger last) throws TransactionFailed.Refused {
        BigInteger required = replacing(last);
        if (required.compareTo(cap) > 0) {
            return Optional.empty();
        }
        return Optional.of(required.max(node()).min(cap));
    }

    /** The least a replacement of a transaction priced {@code last} may offer: 12.5 % more, rounded up. */
    static BigInteger replacing(BigInteger last) {
        return last.add(last.add(BigInteger.valueOf(7)).shiftRight(3));
    }

    BigInteger cap() {
        return cap;
    }

    private BigInteger node() throws TransactionFailed.Refused {
        try {
            var price = web3j.ethGasPrice().send();
            if (price.hasError()) {
                throw new TransactionFailed.Refused(price.getError().getCode(), price.getError().getMessage());
            }
            return price.getGasPrice();
        } catch (IOException e) {
            throw new TransactionFailed.Refused(null, "no gas price from the node: " + e.getMessage());
        }
    }
}
