package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.picoengine.PicoEngine048;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;

/**
 * The agents are separate processes, SIGKILLed where a move waits (the source with its snapshot sealed and again with
 * its offer taken, the target with its acceptance in flight) and started again: the move completes, the pico lives on
 * the target once, with its state, and the source's copy is deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashIT {
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);
    private AgentMesh mesh;
    private EmbeddedPostgres postgres;
    private PicoEngineProcess engineB;
    private long engineBId;
    private AgentProcess a;
    private AgentProcess b;

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
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, mesh, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aMoveCompletesThoughItsAgentsAreKilledWhereItWaits() throws Exception {
        TestPicos picosA = new TestPicos(mesh.engine.url());
        picosA.registerCounter();
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
        TestPicos picosB = new TestPicos(engineB.url());
        assertThat(picosB.count(parent)).isEqualTo(2);
        assertThat(picosB.count(child)).isEqualTo(1);
        assertThat(new PicoEngine048(URI.create(engineB.url()), Duration.ofSeconds(5), Duration.ofSeconds(60)).root()
                .children()).as("one pico imported, not two").hasSize(1);
        assertThat(picosA.raw("/sky/cloud/" + parent + "/" + TestPicos.COUNTER + "/count").statusCode())
                .isEqualTo(404);
        var lease = mesh.pico(5).currentLease(pico).send();
        assertThat(lease.engineId.longValueExact()).isEqualTo(engineBId);
    }

    private void advertise(long engineId, int operator, AgentProcess agent) throws Exception {
        var sample = SampleAdverts.advert(agent.url(), 1, AgentMesh.CAPACITY);
        mesh.registry(operator).updateAdvert(BigInteger.valueOf(engineId), new EngineRegistry.Advert(agent.url(),
                "did:web:engine-" + engineId + ".example", sample.pricePerHour, sample.latencyMs, sample.capacity,
                sample.region, sample.metadataCid, agent.publicKey())).send();
    }
}
