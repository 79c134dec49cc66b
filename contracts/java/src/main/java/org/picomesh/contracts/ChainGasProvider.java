package org.picomesh.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * Asks the node for the gas price of the moment. The gas limit here is only a ceiling: every transaction's
 * real limit comes from an estimate in {@link RevertDecodingTransactionManager}.
 */
final class ChainGasProvider implements ContractGasProvider {
    private static final BigInteger GAS_CEILING = BigInteger.valueOf(10_000_000);

    private final Web3j web3j;

    ChainGasProvider(Web3j web3j) {
        this.web3j = web3j;
    }

    @Override
    public BigInteger getGasPrice() {
        try {
            return web3j.ethGasPrice().send().getGasPrice();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gas price from the node", e);
        }
    }

    @Override
    public BigInteger getGasLimit(Transaction transaction) {
        return GAS_CEILING;
    }

    @Override
    public BigInteger getGasLimit() {
        return GAS_CEILING;
    }
}
