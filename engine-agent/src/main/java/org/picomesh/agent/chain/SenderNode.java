package org.picomesh.agent.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.picomesh.contracts.errors.ContractErrors;
import org.picomesh.contracts.errors.DecodedError;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The calls the sender makes to the node, each answer or failure turned into what the sender acts on. */
final class SenderNode {
    /** Head-room over the estimate: the state can move between estimate and inclusion. */
    private static final int GAS_MARGIN_PERCENT = 20;

    private final Web3j web3j;
    private final String from;

    SenderNode(Web3j web3j, String from) {
        this.web3j = web3j;
        this.from = from;
    }

    /** The gas limit for {@code tx}; a call that would revert fails here, decoded, with nothing sent. */
    BigInteger gasLimit(Outgoing tx) throws TransactionFailed {
        try {
            var estimate = web3j.ethEstimateGas(call(tx)).send();
            if (estimate.hasError()) {
                Optional<DecodedError> revert = revert(estimate.getError());
                if (revert.isPresent()) {
                    throw new TransactionFailed.Reverted(revert.get(), null);
                }
                throw new TransactionFailed.Refused(estimate.getError().getCode(), estimate.getError().getMessage());
            }
            BigInteger gas = estimate.getAmountUsed();
            return gas.add(gas.multiply(BigInteger.valueOf(GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100)));
        } catch (IOException e) {
            throw new TransactionFailed.Refused(null, "the node did not answer the estimate: " + e.getMessage());
        }
    }

    /** The next nonce by the node's count of this key's mined and pending transactions. */
    long pendingNonce() throws TransactionFailed.Refused {
        try {
            var count = web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING).send();
            if (count.hasError()) {
                throw new TransactionFailed.Refused(count.getError().getCode(), count.getError().getMessage());
            }
            return count.getTransactionCount().longValueExact();
        } catch (IOException e) {
            throw new TransactionFailed.Refused(null, "the node did not answer the nonce: " + e.getMessage());
        }
    }

    /** Submits a signed transaction: the node's refusal, or nothing when it took it. */
    Optional<Response.Error> submit(String signed) throws IOException {
        var sent = web3j.ethSendRawTransaction(signed).send();
        return sent.hasError() ? Optional.of(sent.getError()) : Optional.empty();
    }

    /** The receipt, when mined on the node's current chain; nothing when not (yet) or when the node did not answer. */
    Optional<TransactionReceipt> receipt(String hash) {
        try {
            return web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the node knows the transaction at all (pooled or mined); true when it did not answer. */
    boolean known(String hash) {
        try {
            return web3j.ethGetTransactionByHash(hash).send().getTransaction().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether the node holds the transaction in its pool, unmined. */
    boolean pending(String hash) throws TransactionFailed.Refused {
        try {
            return web3j.ethGetTransactionByHash(hash).send().getTransaction()
                    .filter(t -> t.getBlockHash() == null || t.getBlockNumberRaw() == null).isPresent();
        } catch (IOException e) {
            throw new TransactionFailed.Refused(null, "the node did not answer about " + hash + ": " + e.getMessage());
        }
    }

    /**
     * Why a mined transaction reverted: its call replayed on the state of its block. A receipt carries no revert
     * data; the replay sees the state after the block, which is what made the contract refuse in nearly every case.
     */
    DecodedError whyReverted(Outgoing tx, TransactionReceipt receipt) {
        try {
            var replay = web3j.ethCall(call(tx), DefaultBlockParameter.valueOf(receipt.getBlockNumber())).send();
            if (replay.hasError()) {
                return revert(replay.getError()).orElse(ContractErrors.market().decode(null));
            }
        } catch (IOException e) {
            // no reason to be had: the plain "reverted" below
        }
        return ContractErrors.market().decode(null);
    }

    String from() {
        return from;
    }

    private Transaction call(Outgoing tx) {
        return Transaction.createFunctionCallTransaction(from, null, null, null, tx.to(), tx.value(), tx.data());
    }

    private static Optional<DecodedError> revert(Response.Error error) {
        String data = error.getData() == null ? null : error.getData().replace("\"", "").strip();
        return data != null && data.startsWith("0x") ? Optional.of(ContractErrors.market().decode(data))
                : Optional.empty();
    }
}
