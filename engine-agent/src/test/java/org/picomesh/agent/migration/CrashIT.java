package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;
import static org.picomesh.agent.picoengine.TestPicos.countPath;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.picoengine.PicoEngine048;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;

/**
 * The crash matrix: the agents are separate processes and the pico engines too; a test hook halts a move at a chosen
 * step (MoveTestHalt), where the agent (or the engine that step uses) is SIGKILLed and started again. Every run ends
 * with the pico live on the engine the chain names, once, with its counter, its child and its channels, and every
 * event a front door took counted once. One anvil, one PostgreSQL, the same two agents and engines for all cases;
 * each case moves a pico of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashIT {
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);
    /** State that makes an export or an import take long enough for an engine to die during it. */
    private static final int BLOB = 2_000_000;
    /** How long after a halted step is released its engine is killed: while the step's call is under way. */
    private static final long MID_STEP_MS = 150;
    private AgentMesh mesh;
    private EmbeddedPostgres postgres;
    private PicoEngineProcess engineB;
    private long engineBId;
    private AgentProcess a;
    private AgentProcess b;
    private TestPicos picosA;
    private TestPicos picosB;
    private int nextPico = 20;

    enum Victim { AGENT_A, AGENT_B, ENGINE_A, ENGINE_B }

    /** Kill {@code victim} once the move halted at {@code point} (SOURCE:... halts A, TARGET:... halts B). */
    record Kill(Victim victim, String point, int blob) {
        @Override
        public String toString() {
            return victim + " at " + point + (blob > 0 ? " (mid-step)" : "");
        }
    }

    static Stream<Kill> killPoints() {
        return Stream.of(
                new Kill(Victim.AGENT_A, "SOURCE:REQUESTED", 0),
                new Kill(Victim.AGENT_A, "SOURCE:LEAVING", 0),
                new Kill(Victim.AGENT_A, "SOURCE:SEALED", 0),
                new Kill(Victim.AGENT_A, "SOURCE:OFFERED", 0),
                new Kill(Victim.AGENT_A, "SOURCE:ACCEPTED", 0),
                new Kill(Victim.AGENT_A, "SOURCE:MOVED", 0),
                new Kill(Victim.AGENT_B, "TARGET:OFFERED", 0),
                new Kill(Victim.AGENT_B, "TARGET:IMPORTING", 0),
                new Kill(Victim.AGENT_B, "TARGET:IMPORT_RETURNED", 0),
                new Kill(Victim.AGENT_B, "TARGET:IMPORTED", 0),
                new Kill(Victim.AGENT_B, "TARGET:ACCEPTED", 0),
                new Kill(Victim.ENGINE_A, "SOURCE:LEAVING", BLOB),
                new Kill(Victim.ENGINE_A, "SOURCE:ACCEPTED", 0),
                new Kill(Victim.ENGINE_B, "TARGET:IMPORTING", BLOB),
                new Kill(Victim.ENGINE_B, "TARGET:IMPORTED", 0));
    }

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh(true);
        engineB = mesh.startQuietEngine();
        engineBId = mesh.register(MoveMesh.OPERATOR_B, MoveMesh.AGENT_B);
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("create database agent_a");
            c.createStatement().execute("create database agent_b");
        }
        Path deployment = mesh.state.resolve("deployment.json");
        a = new AgentProcess(mesh.engineId, mesh.engine.url(), AgentMesh.AGENT, deployment,
                postgres.getJdbcUrl("postgres", "agent_a"), mesh.state.resolve("process-a"));
        b = new AgentProcess(engineBId, engineB.url(), MoveMesh.AGENT_B, deployment,
                postgres.getJdbcUrl("postgres", "agent_b"), mesh.state.resolve("process-b"));
        advertise(mesh.engineId, AgentMesh.OPERATOR, a);
        advertise(engineBId, MoveMesh.OPERATOR_B, b);
        picosA = new TestPicos(mesh.engine.url());
        picosB = new TestPicos(engineB.url());
        picosA.registerCounter();
        a.start();
        b.start();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, mesh, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("killPoints")
    void thePicoEndsLiveOnTheTargetOnceWhateverIsKilledWhere(Kill kill) throws Exception {
        int n = nextPico++;
        CrashFamily family = new CrashFamily(picosA, "crash" + n, kill.blob());
        String pico = leaseAndEnroll(n, family.parent);
        int onB = picosOnB();
        AgentProcess halter = kill.point().startsWith("SOURCE") ? a : b;
        halter.haltAt(kill.point());
        mesh.pico(n).moveLease(BigInteger.valueOf(engineBId), ANY_PRICE).send();
        halter.awaitHalted(kill.point());
        family.tick(a.url(), 2);

        switch (kill.victim()) {
            case AGENT_A -> restart(a);
            case AGENT_B -> restart(b);
            case ENGINE_A -> crash(mesh.engine, halter, pico, kill.blob() > 0);
            case ENGINE_B -> crash(engineB, halter, pico, kill.blob() > 0);
        }
        family.tick(a.url(), 1);

        await("B to let the pico run", () -> b.state(pico).equals("LIVE"));
        await("A to delete its copy", () -> a.state(pico).equals("DONE"));
        assertThat(mesh.pico(n).currentLease(pico).send().engineId.longValueExact()).isEqualTo(engineBId);
        await("every event taken to reach the pico on B", () -> picosB.count(family.parent)
                >= family.expectedCount());
        assertThat(picosB.count(family.child)).as("its child").isEqualTo(CrashFamily.CHILD_TICKS);
        assertThat(picosB.count(family.channel)).as("its other channel answers").isEqualTo(family.expectedCount());
        assertThat(picosB.blobSize(family.parent)).isEqualTo(family.blob);
        assertThat(picosOnB()).as("one pico imported on B, not two").isEqualTo(onB + 1);
        for (String eci : family.ecis()) {
            assertThat(picosA.raw(countPath(eci)).statusCode()).as("A's copy is gone").isEqualTo(404);
        }
        family.tick(a.url(), 1);
        assertThat(picosB.count(family.parent)).as("each event taken counted once, and A forwards to B")
                .isEqualTo(family.expectedCount());
    }

    /**
     * The target dies with the pico imported on its engine but not yet in its journal, and the move runs out while it
     * is down: started again, it deletes what it imported; the pico lives on A with the events A held.
     */
    @Order(3)
    @Test
    void aPicoImportedByATargetThatDiedIsDeletedThereWhenTheMoveRunsOut() throws Exception {
        int n = nextPico++;
        CrashFamily family = new CrashFamily(picosA, "expired" + n, 0);
        String pico = leaseAndEnroll(n, family.parent);
        int onB = picosOnB();
        b.haltAt("TARGET:IMPORT_RETURNED");
        mesh.pico(n).moveLease(BigInteger.valueOf(engineBId), ANY_PRICE).send();
        b.awaitHalted("TARGET:IMPORT_RETURNED");
        family.tick(a.url(), 2);
        b.kill();

        mesh.anvil.increaseTime(Duration.ofMinutes(11));
        await("A to roll back", () -> a.state(pico).equals("ROLLED_BACK"));
        b.start();
        await("B to discard the move", () -> b.state(pico).equals("REJECTED"));

        assertThat(picosOnB()).as("nothing of the pico left on B").isEqualTo(onB);
        for (String eci : family.ecis()) {
            assertThat(picosB.raw(countPath(eci)).statusCode()).as("no pico holds " + eci + " on B").isEqualTo(404);
        }
        await("the held events to run on A", () -> picosA.count(family.parent) >= family.expectedCount());
        family.tick(a.url(), 1);
        assertThat(picosA.count(family.parent)).as("each event taken counted once").isEqualTo(family
                .expectedCount());
        assertThat(mesh.pico(n).currentLease(pico).send().engineId.longValueExact()).isEqualTo(mesh.engineId);
    }

    /**
     * The move runs out with the pico imported and checked on the target, which then deletes its import: its front
     * door lets go of the pico's ECIs (a call for them is the engine's to answer, not held or kept waiting), and a
     * later move of the same pico to it goes through.
     */
    @Order(4)
    @Test
    void aTargetTurnedAwayAfterImportingLetsGoOfThePicoAndALaterMoveThereCompletes() throws Exception {
        int n = nextPico++;
        CrashFamily family = new CrashFamily(picosA, "turned" + n, 0);
        String pico = leaseAndEnroll(n, family.parent);
        int onB = picosOnB();
        b.haltAt("TARGET:IMPORTED");
        mesh.pico(n).moveLease(BigInteger.valueOf(engineBId), ANY_PRICE).send();
        b.awaitHalted("TARGET:IMPORTED");
        mesh.anvil.increaseTime(Duration.ofMinutes(11));
        await("A to roll back", () -> a.state(pico).equals("ROLLED_BACK"));
        b.release();
        await("B to end the move", () -> b.state(pico).equals("REJECTED"));
        assertThat(picosOnB()).as("nothing of the pico left on B").isEqualTo(onB);
        for (String eci : family.ecis()) {
            assertThat(new TestPicos(b.url()).raw(countPath(eci)).statusCode())
                    .as("B's front door lets its engine answer for " + eci + ": no such pico").isEqualTo(404);
        }

        mesh.pico(n).moveLease(BigInteger.valueOf(engineBId), ANY_PRICE).send();
        await("B to let the pico run", () -> b.state(pico).equals("LIVE"));
        await("A to delete its copy", () -> a.state(pico).equals("DONE"));
        family.tick(a.url(), 1);
        await("the event to reach the pico on B", () -> picosB.count(family.parent) >= family.expectedCount());
        assertThat(picosB.count(family.parent)).isEqualTo(family.expectedCount());
        assertThat(picosOnB()).isEqualTo(onB + 1);
    }

    /**
     * An event falls due while the pico moves (0.48.1 drops it on a leaving pico) and the target dies once it has
     * scheduled it again, before it lets the pico run: started again, it lets the pico run and the event fires once
     * there; the pico's repeating (cron) schedule arrives once.
     */
    @Order(5)
    @Test
    void anEventDueDuringTheMoveFiresOnceOnTheTargetThoughItDiedLettingThePicoRun() throws Exception {
        int n = nextPico++;
        CrashFamily family = new CrashFamily(picosA, "due" + n, 0);
        String pico = leaseAndEnroll(n, family.parent);
        picosA.scheduleYearly(family.parent);
        b.haltAt("TARGET:IMPORTED");
        picosA.scheduleTickIn(family.parent, 3);
        java.time.Instant due = java.time.Instant.now().plusSeconds(4);
        mesh.pico(n).moveLease(BigInteger.valueOf(engineBId), ANY_PRICE).send();
        b.awaitHalted("TARGET:IMPORTED");
        await("the scheduled event to fall due while the pico is leaving", () -> java.time.Instant.now().isAfter(due));
        b.haltAt("TARGET:SCHEDULES_RESTORED");
        b.awaitHalted("TARGET:SCHEDULES_RESTORED");
        restart(b);

        await("B to let the pico run", () -> b.state(pico).equals("LIVE"));
        await("the event due during the move to fire on B", () -> picosB.count(family.parent)
                >= CrashFamily.PARENT_TICKS + 1);
        Thread.sleep(ScheduleCatchUp.MARGIN.toMillis() + 2_000); // a second restore would have fired by now
        assertThat(picosB.count(family.parent)).as("once").isEqualTo(CrashFamily.PARENT_TICKS + 1);
        long repeating = 0;
        for (var schedule : picosB.schedules(family.parent)) {
            repeating += schedule.has("timespec") ? 1 : 0;
        }
        assertThat(repeating).as("the cron schedule, once").isEqualTo(1);
    }

    /**
     * The agents are SIGKILLed where a move waits on the other side (the source with its snapshot sealed and again with
     * its offer taken, the target with its acceptance in flight, not mined) and started again.
     */
    @Order(2)
    @Test
    void aMoveCompletesThoughItsAgentsAreKilledWhereItWaits() throws Exception {
        b.kill(); // the target is down when the source seals
        a.kill();
        int onB = picosOnB();
        String parent = picosA.child(picosA.rootEci(), "crash", TestPicos.COUNTER);
        picosA.tick(parent);
        picosA.tick(parent);
        String child = picosA.child(parent, "crash-child", TestPicos.COUNTER);
        picosA.tick(child);
        String pico = SampleAdverts.pico(5).getAddress().toLowerCase(Locale.ROOT);
        mesh.pico(5).openLease(BigInteger.valueOf(mesh.engineId), ANY_PRICE, AgentMesh.ether("0.01")).send();
        a.start();
        new MoveMeshEnroll(a.url()).enroll(parent, pico);

        // 1. the source, its snapshot sealed, cannot reach the target (not running): killed and started again
        mesh.pico(5).moveLease(BigInteger.valueOf(engineBId), ANY_PRICE).send();
        await("A to seal", () -> a.state(pico).equals("SEALED"));
        a.kill();
        a.start();

        // 2. the target takes the offer and fetches, but its engine is down; the source, its offer taken, is killed
        engineB.stop();
        b.start();
        await("A's offer to be taken", () -> a.state(pico).equals("OFFERED"));
        await("B to have fetched and to be waiting for its engine", () -> b.latest(pico) != null
                && b.latest(pico).path("reason").asText().contains("no answer"));
        a.kill();

        // 3. the target imports and sends its acceptance, which is not mined: killed with it in flight
        mesh.anvil.call("evm_setAutomine", false);
        engineB.restart();
        await("B to import and accept", () -> b.state(pico).equals("IMPORTED"));
        Thread.sleep(1_000); // the acceptance reaches the node's pool
        b.kill();
        mesh.anvil.call("evm_setAutomine", true);
        mesh.anvil.call("evm_mine");

        // 4. both start again and finish from their journals and the chain
        b.start();
        a.start();
        await("B to let the pico run", () -> b.state(pico).equals("LIVE"));
        await("A to delete its copy", () -> a.state(pico).equals("DONE"));
        assertThat(picosB.count(parent)).isEqualTo(2);
        assertThat(picosB.count(child)).isEqualTo(1);
        assertThat(picosOnB()).as("one pico imported, not two").isEqualTo(onB + 1);
        assertThat(picosA.raw("/sky/cloud/" + parent + "/" + TestPicos.COUNTER + "/count").statusCode())
                .isEqualTo(404);
        var lease = mesh.pico(5).currentLease(pico).send();
        assertThat(lease.engineId.longValueExact()).isEqualTo(engineBId);
    }

    private void restart(AgentProcess agent) throws Exception {
        agent.kill();
        agent.start();
    }

    /**
     * SIGKILLs the engine and starts it again. Mid-step (a blob to export or import): the halted step is let go and
     * the engine killed while its call is under way. Otherwise the engine is killed first: the agent, let go, meets it
     * dead.
     */
    private void crash(PicoEngineProcess engine, AgentProcess halter, String pico, boolean midStep) throws Exception {
        if (midStep) {
            halter.release();
            Thread.sleep(MID_STEP_MS);
            engine.kill();
            Thread.sleep(2_000); // the agent's call fails, or the step was done before: both must end well
        } else {
            engine.kill();
            halter.release();
            await("the agent to meet its engine dead", () -> halter.latest(pico) != null
                    && !halter.latest(pico).path("reason").asText("").isEmpty());
        }
        engine.restart();
    }

    private String leaseAndEnroll(int n, String eci) throws Exception {
        String pico = SampleAdverts.pico(n).getAddress().toLowerCase(Locale.ROOT);
        mesh.pico(n).openLease(BigInteger.valueOf(mesh.engineId), ANY_PRICE, AgentMesh.ether("0.01")).send();
        new MoveMeshEnroll(a.url()).enroll(eci, pico);
        return pico;
    }

    private int picosOnB() {
        return new PicoEngine048(URI.create(engineB.url()), Duration.ofSeconds(5), Duration.ofSeconds(60)).root()
                .children().size();
    }

    private void advertise(long engineId, int operator, AgentProcess agent) throws Exception {
        var sample = SampleAdverts.advert(agent.url(), 1, AgentProcess.CAPACITY);
        mesh.registry(operator).updateAdvert(BigInteger.valueOf(engineId), new EngineRegistry.Advert(agent.url(),
                "did:web:engine-" + engineId + ".example", sample.pricePerHour, sample.latencyMs, sample.capacity,
                sample.region, sample.metadataCid, agent.publicKey())).send();
    }
}
