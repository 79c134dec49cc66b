package org.picomesh.directory.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.support.TestChain;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Fills a chain with market events fast: signed transactions sent in JSON-RPC batches with automine off,
 * one block mined per batch (kept under the block's gas target so the base fee stays low).
 */
final class MarketLoad {
    private static final int PER_BLOCK = 100;
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(50_000_000_000L);

    private final TestChain chain;
    private final Web3j web3j;
    private final Credentials operator = DevAccounts.account(1);
    private BigInteger nonce;

    MarketLoad(TestChain chain) throws Exception {
        this.chain = chain;
        this.web3j = chain.as(1).web3j();
        this.nonce = web3j.ethGetTransactionCount(operator.getAddress(), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
    }

    /** Registers {@code engines} engines (2 events each), then adds stake {@code stakes} times (1 event each). */
    void fill(int engines, int stakes) throws Exception {
        chain.anvil.call("evm_setAutomine", false);
        try {
            List<String> batch = new ArrayList<>();
            for (int n = 1; n <= engines; n++) {
                batch.add(sign(call("register", SampleAdverts.advert("https://engine-" + n + ".bench.example", n % 50 + 1,
                        1 + n % 20)), BigInteger.valueOf(200_000), TestChain.ether("1")));
                flushIfFull(batch);
            }
            for (int n = 0; n < stakes; n++) {
                Uint256 engine = new Uint256(1 + n % engines);
                batch.add(sign(call("addStake", engine), BigInteger.valueOf(60_000), BigInteger.ONE));
                flushIfFull(batch);
            }
            flush(batch);
        } finally {
            chain.anvil.call("evm_setAutomine", true);
        }
    }

    private void flushIfFull(List<String> batch) throws Exception {
        if (batch.size() >= PER_BLOCK) {
            flush(batch);
        }
    }

    private void flush(List<String> batch) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        BatchRequest request = web3j.newBatch();
        batch.forEach(tx -> request.add(web3j.ethSendRawTransaction(tx)));
        request.send().getResponses().stream().filter(r -> r.hasError()).findFirst().ifPresent(r -> {
            throw new IllegalStateException("a bench transaction was refused: " + r.getError().getMessage());
        });
        chain.anvil.call("evm_mine");
        batch.clear();
    }

    private static String call(String name, Type<?> argument) {
        return FunctionEncoder.encode(new Function(name, List.of(argument), List.of()));
    }

    private String sign(String data, BigInteger gas, BigInteger value) {
        RawTransaction tx = RawTransaction.createTransaction(nonce, GAS_PRICE, gas, chain.deployment.registry(), value, data);
        nonce = nonce.add(BigInteger.ONE);
        return Numeric.toHexString(TransactionEncoder.signMessage(tx, chain.deployment.chainId(), operator));
    }
}
