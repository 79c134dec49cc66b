package org.picomesh.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.contracts.devnet.DevAccounts;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The daemon claims what its engine's leases earned, batched, to the payout address, and only when it is worth the
 * gas: real anvil, real pico engine, the agent's own PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimsIT {
    private static final int PAYOUT = 6;
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);
    private AgentMesh mesh;
    private ConfigurableApplicationContext agent;
    private String payout;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh();
        payout = DevAccounts.account(PAYOUT).getAddress();
        mesh.registry(AgentMesh.OPERATOR).setPayout(BigInteger.valueOf(mesh.engineId), payout).send();
        for (int n = 1; n <= 3; n++) {
            mesh.pico(n).openLease(BigInteger.valueOf(mesh.engineId), ANY_PRICE, AgentMesh.ether("0.01")).send();
        }
        agent = mesh.startAgent(mesh.newDataDir(), "--picomesh.agent.claim-interval=500ms");
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void claimsTheLeasesEarningsInOneTransactionOnlyOnceTheyAreWorthTheGas() throws Exception {
        BigInteger before = mesh.balance(payout);
        mesh.anvil.increaseTime(Duration.ofSeconds(10)); // ten seconds of rent: dust next to a claim's gas
        io.micrometer.core.instrument.Counter skipped = agent.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter("picomesh.agent.claims.skipped", "reason", "not-worth-the-gas");
        long waitedFor = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (skipped.count() == 0 && System.nanoTime() < waitedFor) {
            Thread.sleep(100);
        }
        assertThat(skipped.count()).as("the agent weighed the dust against the gas").isPositive();
        assertThat(mesh.balance(payout)).as("no claim for dust").isEqualTo(before);

        mesh.anvil.increaseTime(Duration.ofHours(2)); // 3 leases x 2 h x 0.001 ETH: worth far more than the gas
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (mesh.balance(payout).equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        BigInteger earned = mesh.balance(payout).subtract(before);
        assertThat(earned).as("the payout address got the three leases' two hours")
                .isBetween(AgentMesh.ether("0.006"), AgentMesh.ether("0.0061"));
        // the payout is paid when the claim is mined; the agent records it once it has read the receipt
        org.springframework.jdbc.core.JdbcTemplate db = agent.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
        long recorded = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (db.queryForObject("select count(*) from claim", Long.class) == 0 && System.nanoTime() < recorded) {
            Thread.sleep(100);
        }
        Long claims = db.queryForObject("select count(*) from claim", Long.class);
        Integer leases = db.queryForObject("select max(leases) from claim", Integer.class);
        assertThat(claims).isEqualTo(1);
        assertThat(leases).as("one batched claim over the three leases").isEqualTo(3);
    }
}
