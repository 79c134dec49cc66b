package org.picomesh.contracts;

import java.io.IOException;
import java.math.BigInteger;
import org.picomesh.contracts.errors.ContractErrors;
import org.picomesh.contracts.errors.ContractRevertedException;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * Signs locally and estimates every transaction before sending it, as wallets do: a transaction that would
 * revert fails at once with its custom error decoded (no gas spent), and the gas limit fits the call
 * instead of a fixed guess.
 */
final class RevertDecodingTransactionManager extends RawTransactionManager {
    /** Head-room over the estimate: the state can move between estimate and inclusion. */
    private static final int GAS_MARGIN_PERCENT = 20;

    private final Web3j web3j;

    RevertDecodingTransactionManager(Web3j web3j, Credentials credentials, long chainId, TransactionReceiptProcessor receipts) {
        super(web3j, credentials, chainId, receipts);
        this.web3j = web3j;
    }

    @Override
    public EthSendTransaction sendTransaction(
            BigInteger gasPrice, BigInteger gasLimit, String to, String data, BigInteger value, boolean constructor)
            throws IOException {
        return super.sendTransaction(gasPrice, estimate(to, data, value), to, data, value, constructor);
    }

    @Override
    public EthSendTransaction sendEIP1559Transaction(
            long chainId, BigInteger maxPriorityFee, BigInteger maxFee, BigInteger gasLimit, String to, String data,
            BigInteger value, boolean constructor) throws IOException {
        return super.sendEIP1559Transaction(
                chainId, maxPriorityFee, maxFee, estimate(to, data, value), to, data, value, constructor);
    }

    private BigInteger estimate(String to, String data, BigInteger value) throws IOException {
        Transaction call = to == null || to.isEmpty()
                ? Transaction.createContractTransaction(getFromAddress(), null, null, null, value, data)
                : Transaction.createFunctionCallTransaction(getFromAddress(), null, null, null, to, value, data);
        EthEstimateGas estimate = web3j.ethEstimateGas(call).send();
        if (estimate.hasError()) {
            throw failure(estimate.getError());
        }
        BigInteger gas = estimate.getAmountUsed();
        return gas.add(gas.multiply(BigInteger.valueOf(GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100)));
    }

    private static RuntimeException failure(Response.Error error) throws IOException {
        String data = error.getData() == null ? null : error.getData().replace("\"", "").strip();
        if (data != null && data.startsWith("0x")) {
            return new ContractRevertedException(ContractErrors.market().decode(data), null);
        }
        throw new IOException("the node refused the transaction (RPC error " + error.getCode() + "): " + error.getMessage());
    }
}
