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
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * {@code ./mesh bench gas}: runs the market's main operations as real transactions on a fresh anvil and
 * compares each one's gas with a storage floor: 21,000 + calldata + 22,100 per storage slot it must create.
 */
public final class GasBench {
    private static final long TX_BASE = 21_000;
    private static final long NEW_SLOT = 22_100;

    private record Row(String figure, String operation, long gas, long floor, long budget) {}

    private GasBench() {}

    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Anvil anvil = Anvil.start();
                ChainConnection admin = connect(anvil, DevAccounts.DEPLOYER);
                ChainConnection operatorA = connect(anvil, 1);
                ChainConnection operatorB = connect(anvil, 2);
                ChainConnection payer = connect(anvil, 3)) {
            String treasury = DevAccounts.account(DevAccounts.TREASURY).getAddress();
            Deployment d = MarketDeployer.deploy(admin, anvil.rpcUrl(), MarketParameters.defaults(treasury));
            EngineRegistry registryA = operatorA.registry(d.registry());
            EngineRegistry registryB = operatorB.registry(d.registry());
            LeaseEscrow escrowA = operatorA.escrow(d.escrow());
            LeaseEscrow escrowPayer = payer.escrow(d.escrow());

            // Engine ids count from 1 in registration order; the lease ids likewise.
            rows.add(row(admin, "register_gas", "register (1 ETH stake, full advert)", 3, 150_000,
                    registryA.register(SampleAdverts.advert(1), ether("1")).send()));
            registryB.register(SampleAdverts.advert(2), ether("1")).send();
            rows.add(row(admin, "update_advert_gas", "updateAdvert", 0, 50_000,
                    registryA.updateAdvert(BigInteger.ONE, SampleAdverts.advert(3)).send()));
            rows.add(row(admin, "add_stake_gas", "addStake", 0, 40_000,
                    registryA.addStake(BigInteger.ONE, ether("0.5")).send()));
            rows.add(row(admin, "open_lease_gas", "openLease", 3, 130_000,
                    escrowPayer.openLease(BigInteger.ONE, SampleAdverts.picoDid(1), ether("0.1")).send()));
            anvil.increaseTime(Duration.ofHours(1));
            rows.add(row(admin, "claim_gas", "claim (one lease)", 0, 60_000,
                    escrowA.claim(List.of(BigInteger.ONE)).send()));
            rows.add(row(admin, "move_lease_gas", "moveLease", 3, 150_000,
                    escrowPayer.moveLease(BigInteger.ONE, BigInteger.TWO).send()));
            rows.add(row(admin, null, "topUp", 0, 0, escrowPayer.topUp(BigInteger.TWO, ether("0.05")).send()));
            rows.add(row(admin, null, "close", 0, 0, escrowPayer.close(BigInteger.TWO).send()));
            rows.add(row(admin, null, "requestUnbond", 1, 0,
                    registryA.requestUnbond(BigInteger.ONE, ether("0.5")).send()));
            anvil.increaseTime(Duration.ofDays(7));
            rows.add(row(admin, null, "withdraw", 0, 0, registryA.withdraw(BigInteger.ONE).send()));
        }
        print(rows);
    }

    private static ChainConnection connect(Anvil anvil, int account) {
        return ChainConnection.open(anvil.rpcUrl(), DevAccounts.account(account), Duration.ofMillis(20));
    }

    private static Row row(ChainConnection chain, String figure, String operation, int newSlots, long budget,
            TransactionReceipt receipt) throws Exception {
        String input = chain.web3j().ethGetTransactionByHash(receipt.getTransactionHash()).send()
                .getTransaction().orElseThrow().getInput();
        long floor = TX_BASE + calldataGas(Numeric.hexStringToByteArray(input)) + newSlots * NEW_SLOT;
        return new Row(figure, operation, receipt.getGasUsed().longValueExact(), floor, budget);
    }

    /** 16 gas per non-zero byte, 4 per zero byte (EIP-2028). */
    static long calldataGas(byte[] data) {
        long gas = 0;
        for (byte b : data) {
            gas += b == 0 ? 4 : 16;
        }
        return gas;
    }

    private static void print(List<Row> rows) {
        System.out.println("Gas of the market's operations, " + LocalDate.now() + " (./mesh bench gas, anvil, solc 0.8.30, optimizer 200 runs)");
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
    }

    private static BigInteger ether(String amount) {
        return Convert.toWei(amount, Convert.Unit.ETHER).toBigInteger();
    }
}
