package org.picomesh.directory.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.MarketDeployer;
import org.picomesh.contracts.MarketParameters;
import org.picomesh.contracts.devnet.Anvil;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.abi.FunctionEncoder;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/** A throw-away anvil with the market deployed, and signing connections for the dev accounts. */
public final class TestChain implements AutoCloseable {
    public final Anvil anvil;
    public final Deployment deployment;
    private final Map<Integer, ChainConnection> connections = new HashMap<>();

    public TestChain() throws Exception {
        this(Anvil.start());
    }

    public TestChain(Anvil anvil) throws Exception {
        this.anvil = anvil;
        String treasury = DevAccounts.account(DevAccounts.TREASURY).getAddress();
        this.deployment = MarketDeployer.deploy(as(DevAccounts.DEPLOYER), anvil.rpcUrl(), MarketParameters.defaults(treasury));
        registry(DevAccounts.DEPLOYER).grantRole(registry(DevAccounts.DEPLOYER).ARBITER_ROLE().send(),
                DevAccounts.account(DevAccounts.ARBITER).getAddress()).send();
    }

    public ChainConnection as(int account) {
        return connections.computeIfAbsent(account,
                a -> ChainConnection.open(anvil.rpcUrl(), DevAccounts.account(a), Duration.ofMillis(20)));
    }

    public EngineRegistry registry(int account) {
        return as(account).registry(deployment.registry());
    }

    public LeaseEscrow escrow(int account) {
        return as(account).escrow(deployment.escrow());
    }

    /** Registers an engine by {@code operator} and returns its id. */
    public long register(int operator, EngineRegistry.Advert advert, String stakeEther) throws Exception {
        TransactionReceipt receipt = registry(operator).register(advert, ether(stakeEther)).send();
        return registry(operator).getEngineRegisteredEvents(receipt).get(0).engineId.longValueExact();
    }

    /**
     * Publishes an advert whose strings hold bytes no Java string can (not UTF-8), as any sender of raw calldata can:
     * the advert is encoded with {@code placeholder} (ASCII) in its strings, then each occurrence is replaced by
     * {@code bytes} of the same length. Returns the advert's exact bytes, {@code abi.encode(advert)}.
     */
    public byte[] updateAdvertWithBytes(int agent, long engineId, EngineRegistry.Advert advert, String placeholder,
            byte[] bytes) throws Exception {
        String from = Numeric.toHexStringNoPrefix(placeholder.getBytes(StandardCharsets.US_ASCII));
        String to = Numeric.toHexStringNoPrefix(bytes);
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("the bytes must be as long as the placeholder");
        }
        String call = registry(agent).updateAdvert(BigInteger.valueOf(engineId), advert).encodeFunctionCall().replace(from, to);
        ChainConnection connection = as(agent);
        String hash = connection.transactions().sendTransaction(connection.gas().getGasPrice(), BigInteger.valueOf(1_000_000),
                deployment.registry(), call, BigInteger.ZERO).getTransactionHash();
        TransactionReceipt receipt = new PollingTransactionReceiptProcessor(connection.web3j(), 20, 500)
                .waitForTransactionReceipt(hash);
        if (!receipt.isStatusOK()) {
            throw new IllegalStateException("updateAdvert with raw bytes reverted: " + receipt.getRevertReason());
        }
        return Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(List.of(advert)).replace(from, to));
    }

    public long blockNumber() throws Exception {
        return as(DevAccounts.DEPLOYER).web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    public static BigInteger ether(String amount) {
        return Convert.toWei(amount, Convert.Unit.ETHER).toBigInteger();
    }

    @Override
    public void close() {
        connections.values().forEach(ChainConnection::close);
        anvil.close();
    }
}
