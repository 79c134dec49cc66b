package org.picomesh.contracts;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.picomesh.contracts.devnet.Anvil;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/** A market on a throw-away anvil: both contracts deployed, a signing connection per dev account. */
public final class LocalMarket implements AutoCloseable {
    public static final int ADMIN = DevAccounts.DEPLOYER;
    public static final int OPERATOR = 1;
    public static final int OTHER_OPERATOR = 2;
    public static final int AGENT = 3;
    public static final int CHALLENGER = 4;
    public static final int STRANGER = 5;
    public static final int PAYOUT = 6;
    public static final int SPONSOR = 7;
    public static final int ARBITER = DevAccounts.ARBITER;
    public static final int TREASURY = DevAccounts.TREASURY;

    public final Anvil anvil;
    public final Deployment deployment;
    private final Map<Integer, ChainConnection> connections = new HashMap<>();

    public LocalMarket() throws Exception {
        anvil = Anvil.start();
        try {
            deployment = MarketDeployer.deploy(as(ADMIN), anvil.rpcUrl(), MarketParameters.defaults(address(TREASURY)));
            registry(ADMIN).grantRole(registry(ADMIN).ARBITER_ROLE().send(), address(ARBITER)).send();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    public ChainConnection as(int account) {
        return connections.computeIfAbsent(account,
                a -> ChainConnection.open(anvil.rpcUrl(), DevAccounts.account(a), Duration.ofMillis(20)));
    }

    /** Sample pico {@code n}'s own account, funded with 10 ether: a pico pays its rent itself. */
    public ChainConnection pico(int n) {
        var credentials = SampleAdverts.pico(n);
        if (balanceOrZero(credentials.getAddress()).signum() == 0) {
            anvil.call("anvil_setBalance", credentials.getAddress(), Numeric.toHexStringWithPrefix(ether("10")));
        }
        return as(ADMIN).as(credentials);
    }

    public LeaseEscrow picoEscrow(int n) {
        return pico(n).escrow(deployment.escrow());
    }

    public EngineRegistry registry(int account) {
        return as(account).registry(deployment.registry());
    }

    public LeaseEscrow escrow(int account) {
        return as(account).escrow(deployment.escrow());
    }

    public static String address(int account) {
        return DevAccounts.account(account).getAddress();
    }

    public BigInteger balance(String address) throws Exception {
        return as(ADMIN).web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    private BigInteger balanceOrZero(String address) {
        try {
            return balance(address);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static BigInteger ether(String amount) {
        return Convert.toWei(amount, Convert.Unit.ETHER).toBigInteger();
    }

    /** What the transaction cost its sender. */
    public static BigInteger fee(TransactionReceipt receipt) {
        return receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
    }

    @Override
    public void close() {
        connections.values().forEach(ChainConnection::close);
        anvil.close();
    }
}
