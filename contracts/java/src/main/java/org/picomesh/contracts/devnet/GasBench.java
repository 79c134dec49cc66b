package org.picomesh.contracts.devnet;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.MarketDeployer;
import org.picomesh.contracts.MarketParameters;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * {@code ./mesh bench gas}: runs the market's operations as real transactions on a fresh anvil and compares each
 * one's gas with a storage floor: 21,000 + calldata + 22,100 per storage slot it must create. Then claims 100 leases
 * in one transaction against 100 single claims of as many leases on a twin engine.
 */
public final class GasBench {
    private static final long TX_BASE = 21_000;
    private static final long NEW_SLOT = 22_100;
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);

    record Row(String figure, String operation, long gas, long floor, long budget) {}

    private final List<Row> rows = new ArrayList<>();
    private final Anvil anvil;
    private final ChainConnection admin;

    private GasBench(Anvil anvil, ChainConnection admin) {
        this.anvil = anvil;
        this.admin = admin;
    }

    /**
     * Runs the bench. With {@code --check FILE}, fails (exit 1) when a figure exceeds its budget or the figure recorded
     * in FILE (a committed snapshot of {@code figure} lines) by more than {@link GasSnapshot#TOLERANCE}.
     */
    public static void main(String[] args) throws Exception {
        GasSnapshot snapshot = args.length == 2 && args[0].equals("--check") ? GasSnapshot.read(java.nio.file.Path.of(args[1])) : null;
        List<Row> measured;
        double ratio;
        try (Anvil anvil = Anvil.start();
                ChainConnection admin = ChainConnection.open(anvil.rpcUrl(), DevAccounts.account(DevAccounts.DEPLOYER),
                        Duration.ofMillis(20))) {
            GasBench bench = new GasBench(anvil, admin);
            String treasury = DevAccounts.account(DevAccounts.TREASURY).getAddress();
            Deployment d = MarketDeployer.deploy(admin, anvil.rpcUrl(), MarketParameters.defaults(treasury));
            bench.operations(d);
            ratio = new BatchClaimGas(anvil, admin, d).ratio(100);
            bench.print(ratio);
            measured = bench.rows;
        }
        if (snapshot != null) {
            List<String> regressions = snapshot.regressions(measured, ratio);
            regressions.forEach(r -> System.err.println("gas regression: " + r));
            if (!regressions.isEmpty()) {
                System.exit(1);
            }
            System.err.println("gas within the budgets and the snapshot (" + snapshot.size() + " figures)");
        }
    }

    private void operations(Deployment d) throws Exception {
        EngineRegistry registryA = as(1).registry(d.registry());
        EngineRegistry registryB = as(2).registry(d.registry());
        LeaseEscrow escrowA = as(1).escrow(d.escrow());
        LeaseEscrow escrowB = as(2).escrow(d.escrow());
        ChainConnection pico = picoConnection(1);
        LeaseEscrow escrowPico = pico.escrow(d.escrow());

        // Engine ids count from 1 in registration order; the lease ids likewise.
        row("register_gas", "register (1 ETH stake, typical advert)", 3, 150_000,
                registryA.register(SampleAdverts.advert(1), ether("1")).send());
        row(null, "register (1 ETH stake, longest advert)", 3, 0,
                registryB.register(LongestAdvert.of(2), ether("1")).send());
        row("update_advert_gas", "updateAdvert (typical)", 0, 50_000,
                registryA.updateAdvert(BigInteger.ONE, SampleAdverts.advert(3)).send());
        row("update_advert_max_gas", "updateAdvert (longest advert)", 0, 0,
                registryB.updateAdvert(BigInteger.TWO, LongestAdvert.of(4)).send());
        row(null, "setAgent", 0, 0, registryA.setAgent(BigInteger.ONE, DevAccounts.account(3).getAddress()).send());
        row("add_stake_gas", "addStake", 0, 40_000, registryA.addStake(BigInteger.ONE, ether("0.5")).send());
        row("open_lease_gas", "openLease (by the pico)", 3, 130_000,
                escrowPico.openLease(BigInteger.ONE, ANY_PRICE, ether("0.1")).send());
        anvil.increaseTime(Duration.ofHours(1));
        row("claim_gas", "claim (one lease)", 0, 60_000,
                as(3).escrow(d.escrow()).claim(BigInteger.ONE, List.of(BigInteger.ONE)).send());
        row(null, "topUp", 0, 0, escrowA.topUp(pico.address(), ether("0.05")).send());
        row("move_lease_gas", "moveLease (pending)", 1, 150_000, escrowPico.moveLease(BigInteger.TWO, ANY_PRICE).send());
        row(null, "rejectMove", 0, 0, escrowB.rejectMove(BigInteger.ONE, "snapshot did not verify").send());
        escrowPico.moveLease(BigInteger.TWO, ANY_PRICE).send();
        row("accept_move_gas", "acceptMove", 2, 120_000, escrowB.acceptMove(BigInteger.ONE).send());
        escrowPico.moveLease(BigInteger.ONE, ANY_PRICE).send();
        anvil.increaseTime(Duration.ofMinutes(11));
        row(null, "expireMove", 0, 0, escrowA.expireMove(BigInteger.TWO).send());
        row(null, "close", 0, 0, escrowPico.close().send());
        LeaseEscrow dryPico = picoConnection(2).escrow(d.escrow());
        dryPico.openLease(BigInteger.ONE, ANY_PRICE, SampleAdverts.advert(3).pricePerHour).send();
        anvil.increaseTime(Duration.ofHours(2));
        row("expire_lease_gas", "expireLease (deposit ran out)", 0, 60_000, escrowA.expireLease(BigInteger.valueOf(3)).send());
        row(null, "requestUnbond", 0, 0, registryA.requestUnbond(BigInteger.ONE, ether("0.5")).send());
        anvil.increaseTime(Duration.ofDays(7));
        row(null, "withdraw", 0, 0, registryA.withdraw(BigInteger.ONE).send());
    }

    private ChainConnection as(int account) {
        return admin.as(DevAccounts.account(account));
    }

    /** A funded sample pico account: a pico pays its own rent. */
    private ChainConnection picoConnection(int n) {
        var credentials = SampleAdverts.pico(n);
        anvil.call("anvil_setBalance", credentials.getAddress(), Numeric.toHexStringWithPrefix(ether("100")));
        return admin.as(credentials);
    }

    private void row(String figure, String operation, int newSlots, long budget, TransactionReceipt receipt)
            throws Exception {
        String input = admin.web3j().ethGetTransactionByHash(receipt.getTransactionHash()).send()
                .getTransaction().orElseThrow().getInput();
        long floor = TX_BASE + calldataGas(Numeric.hexStringToByteArray(input)) + newSlots * NEW_SLOT;
        rows.add(new Row(figure, operation, receipt.getGasUsed().longValueExact(), floor, budget));
    }

    /** 16 gas per non-zero byte, 4 per zero byte (EIP-2028). */
    static long calldataGas(byte[] data) {
        long gas = 0;
        for (byte b : data) {
            gas += b == 0 ? 4 : 16;
        }
        return gas;
    }

    private void print(double batchedRatio) {
        System.out.println("Gas of the market's operations, " + LocalDate.now()
                + " (./mesh bench gas, anvil, solc 0.8.30, optimizer 200 runs)");
        System.out.println();
        System.out.println("| operation | gas used | storage floor | ratio | budget |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Row r : rows) {
            String budget = r.budget() == 0 ? "" : (r.gas() <= r.budget() ? "≤ " : "OVER ") + r.budget();
            System.out.printf("| %s | %,d | %,d | %.2f | %s |%n", r.operation(), r.gas(), r.floor(),
                    (double) r.gas() / r.floor(), budget);
        }
        System.out.println();
        rows.stream().filter(r -> r.figure() != null)
                .forEach(r -> System.out.printf("figure %s %d gas%n", r.figure(), r.gas()));
        System.out.printf("figure batched_claim_gas_ratio %.3f ratio%n", batchedRatio);
    }

    static BigInteger ether(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(18).toBigIntegerExact();
    }
}
