package org.picomesh.directory.support;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.MarketDeployer;
import org.picomesh.contracts.MarketParameters;
import org.picomesh.contracts.devnet.Anvil;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Convert;

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
