package org.picomesh.agent.operator;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.function.Supplier;
import org.picomesh.agent.chain.AgentException;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The owner's side of {@code pico enroll}: what the pico's first lease costs here and the transfer that pays it into
 * the pico's account, signed by the owner's key on this machine (the daemon never sees it).
 */
final class PicoFunding {
    /**
     * Gas the pico's account keeps for its own transactions: opening its lease (about 114,000), a few moves (about
     * 60,000 each), at twice today's gas price.
     */
    private static final BigInteger GAS_ALLOWANCE = BigInteger.valueOf(500_000);
    private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

    private final ChainConnection reader;
    private final Deployment deployment;
    private final PrintWriter progress;

    PicoFunding(ChainConnection reader, Deployment deployment, PrintWriter progress) {
        this.reader = reader;
        this.deployment = deployment;
        this.progress = progress;
    }

    /** The engine's price an hour, in wei. */
    BigInteger price(long engineId) throws Exception {
        return registry().engine(BigInteger.valueOf(engineId)).send().pricePerHour;
    }

    /** Twice the least deposit the escrow takes at {@code price}: room for a move soon after. */
    BigInteger defaultDeposit(BigInteger price) throws Exception {
        BigInteger period = registry().parameters().send().minPrepaidPeriod;
        BigInteger hour = BigInteger.valueOf(3600);
        BigInteger least = price.multiply(period).add(hour).subtract(BigInteger.ONE).divide(hour).max(BigInteger.ONE);
        return least.shiftLeft(1);
    }

    /**
     * Sends the pico what it lacks for {@code deposit} and its gas ({@code given}, when the owner named the amount);
     * nothing when its account holds enough. The owner's key is read only when something is sent.
     */
    void fund(PrintWriter out, String pico, BigInteger deposit, BigInteger given, Supplier<Credentials> ownerKey)
            throws Exception {
        BigInteger gasPrice = reader.web3j().ethGasPrice().send().getGasPrice();
        BigInteger needed = deposit.add(GAS_ALLOWANCE.multiply(gasPrice).shiftLeft(1));
        BigInteger held = balance(pico);
        BigInteger amount = given != null ? given : needed.subtract(held).max(BigInteger.ZERO);
        if (amount.signum() == 0) {
            out.println("the pico's account holds " + Amounts.ether(held) + ", enough for the deposit and its gas: "
                    + "nothing funded");
            out.flush();
            return;
        }
        Credentials owner = ownerKey.get();
        BigInteger ownerHolds = balance(owner.getAddress());
        BigInteger cost = amount.add(TRANSFER_GAS.multiply(gasPrice).shiftLeft(1));
        if (ownerHolds.compareTo(cost) < 0) {
            throw new AgentException("the owner's account " + owner.getAddress() + " holds " + Amounts.ether(ownerHolds)
                    + ", less than the " + Amounts.ether(amount) + " to send and its gas: nothing sent (the pico is "
                    + "enrolled without a lease; enroll again once the account is funded)");
        }
        try (ChainConnection asOwner = reader.as(owner)) {
            var receipt = new Transactions(asOwner, progress).transfer("funding pico " + pico + " with "
                    + Amounts.ether(amount) + " from " + owner.getAddress(), pico, amount);
            out.println("funded: " + Amounts.ether(amount) + " sent to the pico's account (tx "
                    + receipt.getTransactionHash() + ")");
            out.flush();
        }
    }

    private BigInteger balance(String address) throws Exception {
        return reader.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    private EngineRegistry registry() {
        return reader.registry(deployment.registry());
    }
}
