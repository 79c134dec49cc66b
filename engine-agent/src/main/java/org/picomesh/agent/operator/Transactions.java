package org.picomesh.agent.operator;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Duration;
import org.picomesh.contracts.ChainConnection;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Sends one transaction and says how far it got: estimated (a revert stops there, nothing sent), sent (its hash),
 * mined (block, gas, fee). The wait for the receipt is bounded; when it runs out, the hash is in the error.
 */
final class Transactions {
    private static final Duration WAIT = Duration.ofMinutes(15);

    private final ChainConnection connection;
    private final PrintWriter progress;

    Transactions(ChainConnection connection, PrintWriter progress) {
        this.connection = connection;
        this.progress = progress;
    }

    TransactionReceipt send(String doing, String to, RemoteFunctionCall<TransactionReceipt> call) throws Exception {
        return send(doing, to, call, BigInteger.ZERO);
    }

    /** Sends {@code call} to {@code to} with {@code value} wei (the wrapper's own value is not read). */
    TransactionReceipt send(String doing, String to, RemoteFunctionCall<TransactionReceipt> call, BigInteger value)
            throws Exception {
        return send(doing, to, call.encodeFunctionCall(), value);
    }

    /** Sends {@code value} wei to the account {@code to}, no call. */
    TransactionReceipt transfer(String doing, String to, BigInteger value) throws Exception {
        return send(doing, to, "", value);
    }

    private TransactionReceipt send(String doing, String to, String data, BigInteger value) throws Exception {
        say(doing + ": estimating and signing...");
        EthSendTransaction sent = connection.transactions().sendTransaction(connection.gas().getGasPrice(),
                connection.gas().getGasLimit(), to, data, value);
        if (sent.hasError()) {
            throw new IOException("the node refused the transaction (RPC error " + sent.getError().getCode() + "): "
                    + sent.getError().getMessage());
        }
        String hash = sent.getTransactionHash();
        say("sent " + hash + ", waiting for it to be mined...");
        TransactionReceipt receipt = receipts().waitForTransactionReceipt(hash);
        if (!receipt.isStatusOK()) {
            throw new TransactionException("transaction " + hash + " was mined in block " + receipt.getBlockNumber()
                    + " but reverted (the chain changed after the estimate)", receipt);
        }
        say("mined: " + mined(receipt));
        return receipt;
    }

    /** {@code block 12, tx 0x…, gas 48143, fee 0.0001 ETH}. */
    static String mined(TransactionReceipt receipt) {
        String fee = "";
        if (receipt.getEffectiveGasPrice() != null && receipt.getGasUsed() != null) {
            BigInteger price = Numeric.decodeQuantity(receipt.getEffectiveGasPrice());
            fee = ", fee " + Amounts.ether(price.multiply(receipt.getGasUsed()));
        }
        return "block " + receipt.getBlockNumber() + ", tx " + receipt.getTransactionHash() + ", gas "
                + receipt.getGasUsed() + fee;
    }

    private PollingTransactionReceiptProcessor receipts() {
        Duration poll = connection.chainId() == 31337 ? Duration.ofMillis(50) : Duration.ofSeconds(2);
        return new PollingTransactionReceiptProcessor(connection.web3j(), poll.toMillis(),
                (int) (WAIT.toMillis() / poll.toMillis()));
    }

    private void say(String line) {
        progress.println(line);
        progress.flush();
    }
}
