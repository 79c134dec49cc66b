package org.picomesh.contracts.devnet;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.utils.Numeric;

/**
 * The gas of one claim over {@code n} leases against {@code n} single claims: two twin engines each host {@code n}
 * picos for the same hour; one engine's agent claims them all at once, the other's one by one (each lease claimed for
 * the first time on both sides, so both pay the same storage writes).
 */
final class BatchClaimGas {
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);

    private final Anvil anvil;
    private final ChainConnection admin;
    private final Deployment deployment;

    BatchClaimGas(Anvil anvil, ChainConnection admin, Deployment deployment) {
        this.anvil = anvil;
        this.admin = admin;
        this.deployment = deployment;
    }

    double ratio(int n) throws Exception {
        BigInteger batched = engineWithLeases(4, n, 100);
        BigInteger single = engineWithLeases(5, n, 100 + n);
        anvil.increaseTime(Duration.ofHours(1));
        LeaseEscrow batchedAgent = admin.as(DevAccounts.account(4)).escrow(deployment.escrow());
        long batchGas = batchedAgent.claim(batched, leaseIds(batched)).send().getGasUsed().longValueExact();
        LeaseEscrow singleAgent = admin.as(DevAccounts.account(5)).escrow(deployment.escrow());
        long singleGas = 0;
        for (BigInteger lease : leaseIds(single)) {
            singleGas += singleAgent.claim(single, List.of(lease)).send().getGasUsed().longValueExact();
        }
        System.out.printf("claim of %d leases: one transaction %,d gas, %d transactions %,d gas%n", n, batchGas, n,
                singleGas);
        return (double) batchGas / singleGas;
    }

    /** Registers an engine for operator {@code account} and fills it with {@code n} picos' leases. */
    private BigInteger engineWithLeases(int account, int n, int firstPico) throws Exception {
        EngineRegistry registry = admin.as(DevAccounts.account(account)).registry(deployment.registry());
        registry.register(SampleAdverts.advert("https://twin-" + account + ".example", 1, n),
                GasBench.ether("1")).send();
        BigInteger engineId = registry.engineCount().send();
        for (int p = firstPico; p < firstPico + n; p++) {
            var pico = SampleAdverts.pico(p);
            anvil.call("anvil_setBalance", pico.getAddress(), Numeric.toHexStringWithPrefix(GasBench.ether("1")));
            admin.as(pico).escrow(deployment.escrow()).openLease(engineId, ANY_PRICE, GasBench.ether("0.01")).send();
        }
        return engineId;
    }

    private List<BigInteger> leaseIds(BigInteger engineId) throws Exception {
        LeaseEscrow escrow = admin.escrow(deployment.escrow());
        List<BigInteger> ids = new ArrayList<>();
        for (long id = 1; id <= escrow.leaseCount().send().longValueExact(); id++) {
            if (escrow.lease(BigInteger.valueOf(id)).send().engineId.equals(engineId)) {
                ids.add(BigInteger.valueOf(id));
            }
        }
        return ids;
    }
}
