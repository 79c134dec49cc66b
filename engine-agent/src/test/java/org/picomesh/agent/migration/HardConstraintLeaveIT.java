package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.crypto.Hash;

/**
 * A pico leaves a host that breaks its policy's hard constraints (issue 13), with anvil, PostgreSQL and two real pico
 * engines behind their agents, which evaluate every second and probe every two (a loaded machine answers in hundreds of
 * ms: the maximum latency and the delay are set wide apart): a host that became slower than the
 * policy's maximum latency as its agent's probes measure it (its advert now names a front door far away), and a host
 * slashed by an arbiter (its stake under the registry's minimum, so no longer listed). Each time the pico leaves at
 * once, although its policy would have another engine rank first for an hour before a move for a better score, and its
 * decisions say why; it ends live on the other engine with its lease there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HardConstraintLeaveIT {
    private static final String MAX_PRICE = "2000000000000000";
    private static final BigInteger PRICE = new BigInteger("1000000000000000");
    private MoveMesh moves;
    private TestPicos picosA;
    private ChoosingPicos owner;

    @BeforeAll
    void start() throws Exception {
        // probes wait long enough to measure the slow front door: a slow answer, not a missing one
        moves = new MoveMesh("--picomesh.agent.placement.interval=1s", "--picomesh.agent.placement.probe-ttl=2s",
                "--picomesh.agent.placement.probe-timeout=6s");
        picosA = new TestPicos(moves.mesh.engine.url());
        picosA.registerCounter();
        owner = new ChoosingPicos(moves);
    }

    @AfterAll
    void stop() throws Exception {
        if (moves != null) {
            moves.close();
        }
    }

    @Test
    void aHostMeasuredSlowerThanThePolicysMaximumLatencyIsLeftForOneThatIsNot() throws Exception {
        ChoosingPicos.Enrolled pico = enrolledOnA("slow-host", "\"maxLatencyMs\": 1200");
        try (SlowFrontDoor far = new SlowFrontDoor(moves.a.url(), Duration.ofMillis(2500))) {
            moves.a.advertise(far.url(), PRICE);

            await("the pico to be live on B", () -> moves.b.state(pico.address()).equals("LIVE"));
            assertLeftAForB(pico, "measured latency", "is above 1200.0 ms");
        } finally {
            moves.a.advertise(moves.a.url(), PRICE);
        }
    }

    @Test
    void aHostSlashedUnderTheMinimumStakeIsLeft() throws Exception {
        ChoosingPicos.Enrolled pico = enrolledOnA("slashed-host", "\"maxPrice\": \"" + MAX_PRICE + "\"");
        EngineRegistry admin = moves.mesh.registry(DevAccounts.DEPLOYER);
        EngineRegistry arbiter = moves.mesh.registry(DevAccounts.ARBITER);
        BigInteger a = BigInteger.valueOf(moves.mesh.engineId);
        admin.grantRole(admin.ARBITER_ROLE().send(), DevAccounts.account(DevAccounts.ARBITER).getAddress()).send();
        try {
            arbiter.arbiterSlash(a, Hash.sha3(("case " + pico.did()).getBytes(StandardCharsets.UTF_8)),
                    BigInteger.valueOf(1_000), "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku").send();
            EngineRegistry.EngineView slashed = arbiter.engine(a).send();
            assertThat(slashed.halted).as("10 % of its 1 ether taken: under the minimum stake").isTrue();
            assertThat(slashed.stake).isEqualTo(AgentMesh.ether("0.9"));

            await("the pico to be live on B", () -> moves.b.state(pico.address()).equals("LIVE"));
            assertLeftAForB(pico, "status is slashed");
        } finally {
            moves.mesh.registry(AgentMesh.OPERATOR).addStake(a, AgentMesh.ether("0.1")).send(); // listed again
        }
    }

    /**
     * A new pico on A, enrolled with a cost-only policy that also has {@code constraint}, a day's budget of moves and
     * an hour's sustained time before a move for a better score; once A's agent has decided it stays.
     */
    private ChoosingPicos.Enrolled enrolledOnA(String name, String constraint) throws Exception {
        String eci = picosA.child(picosA.rootEci(), name, TestPicos.COUNTER);
        picosA.tick(eci);
        ChoosingPicos.Enrolled pico = owner.enrol(eci, moves.a, MAX_PRICE);
        String policy = "{\"constraints\": {" + constraint + "}, \"weights\": {\"cost\": 1, \"latency\": 0,"
                + " \"availability\": 0, \"stake\": 0, \"freeCapacity\": 0}, \"moves\": {\"sustainedSeconds\": 3600,"
                + " \"maxMoves\": 3, \"windowSeconds\": 86400, \"cooldownSeconds\": 15}}";
        JsonNode given = owner.event(moves.a.url(), eci, "policy_given", Map.of("policy",
                ChoosingPicos.JSON.readTree(policy)));
        assertThat(given.toString()).as("the agent validated it").contains("\"valid\":true");
        await("a first decision: the current host ranks first", () -> owner.decisions(moves.a, pico.did())
                .toString().contains("the current host ranks first"));
        return pico;
    }

    /** The pico moved once, from A to B, for the reasons given; B hosts it with its lease and its state. */
    private void assertLeftAForB(ChoosingPicos.Enrolled pico, String... reasons) throws Exception {
        // B records the arrival once the pico is live there, with an event of its own (reading the pico's key first)
        await("its arrival recorded by B", () -> owner.decisions(moves.b, pico.did()).toString()
                .contains("\"kind\":\"moved\""));
        JsonNode onB = owner.page(moves.b, pico.did());
        assertThat(ChoosingPicos.count(onB, "moved")).isEqualTo(1);
        JsonNode moved = null;
        for (JsonNode decision : onB.path("decisions")) {
            moved = moved == null && decision.path("kind").asText().equals("moved") ? decision : moved;
        }
        assertThat(moved).as(onB.toString()).isNotNull();
        assertThat(moved.path("from").asLong()).isEqualTo(moves.mesh.engineId);
        assertThat(moved.path("to").asLong()).isEqualTo(moves.engineB_id);
        assertThat(moved.path("reason").asText()).as("why it left, without waiting the hour")
                .contains("this host no longer passes the policy").contains(reasons);
        var lease = moves.mesh.pico(1).currentLease(pico.address()).send();
        assertThat(lease.engineId.longValueExact()).isEqualTo(moves.engineB_id);
        assertThat(lease.moveTo.signum()).isZero();
    }
}
