package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.address;
import static org.picomesh.agent.migration.MoveMesh.await;
import static org.picomesh.agent.picoengine.TestPicos.countPath;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.agent.operator.CliRun;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.web3j.utils.Numeric;

/**
 * Picos move between two real pico engines behind their agents, on anvil and PostgreSQL: the pico and its child answer
 * on the target with the same state, the lease is there, the source keeps a moved copy for the grace period and then
 * deletes it; a tampered snapshot and a move window that runs out each leave the pico living on the source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoveIT {
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);
    private MoveMesh moves;
    private TestPicos picosA;
    private TestPicos picosB;
    private final HttpClient following = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeAll
    void start() throws Exception {
        moves = new MoveMesh();
        picosA = new TestPicos(moves.mesh.engine.url());
        picosB = new TestPicos(moves.engineB.url());
        picosA.registerCounter();
    }

    @AfterAll
    void stop() throws Exception {
        if (moves != null) {
            moves.close();
        }
    }

    @Test
    void aPicoAndItsChildMoveAndAnswerOnTheTargetWithTheSameState() throws Exception {
        Family family = family("mover");
        String pico = leaseAndEnroll(1, family.parent());

        CliRun move = CliRun.run(Map.of("PICOMESH_PICO_KEY", picoKey(1)), "pico", "move", pico, "--to",
                String.valueOf(moves.engineB_id), "--deployment", moves.mesh.state.resolve("deployment.json")
                        .toString(), "--agent", moves.a.url());

        assertThat(move.exitCode()).as(move.toString()).isZero();
        assertThat(move.out()).contains("pending move to engine " + moves.engineB_id, "source LEAVING",
                "source SEALED", "source OFFERED", "source ACCEPTED", "source MOVED",
                "the pico lives on engine " + moves.engineB_id);
        await("the pico to be live on B", () -> moves.b.state(pico).equals("LIVE"));
        assertThat(picosB.count(family.parent())).isEqualTo(3);
        assertThat(picosB.count(family.child())).isEqualTo(2);
        picosB.tick(family.parent());
        assertThat(picosB.count(family.parent())).as("it runs on B").isEqualTo(4);
        var viaA = following.send(HttpRequest.newBuilder(URI.create(moves.a.url() + countPath(family.parent())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viaA.body()).as("a query to A's front door reaches the pico on B").isEqualTo("4");
        assertThat(moves.a.tick(family.parent()).statusCode()).as("an event to A is forwarded to B")
                .isEqualTo(200);
        assertThat(picosB.count(family.parent())).isEqualTo(5);
        var lease = moves.mesh.pico(1).currentLease(address(1)).send();
        assertThat(lease.active).isTrue();
        assertThat(lease.engineId.longValueExact()).isEqualTo(moves.engineB_id);

        assertThat(moves.a.state(pico)).as("A keeps its copy, marked moved, for the grace period").isEqualTo("MOVED");
        var moved = picosA.raw(countPath(family.parent()));
        assertThat(moved.statusCode()).as("A's engine sends callers on").isEqualTo(302);
        assertThat(moved.headers().firstValue("Location").orElseThrow()).startsWith(moves.b.url());
        await("A to delete its copy after the grace period", () -> moves.a.state(pico).equals("DONE"));
        assertThat(picosA.raw(countPath(family.parent())).statusCode()).isEqualTo(404);
        assertThat(storedSnapshots(moves.a.snapshots)).as("A's sealed copy deleted with the pico").isEmpty();
        assertThat(storedSnapshots(moves.b.snapshots)).as("B's fetched copy deleted once live").isEmpty();
        assertThat(steps(moves.a.moves(pico).get(0))).containsSubsequence("REQUESTED", "LEAVING", "SEALED",
                "OFFERED", "ACCEPTED", "MOVED", "DONE");
        assertThat(steps(moves.b.moves(pico).get(0))).containsSubsequence("OFFERED", "IMPORTED", "LIVE");
        assertThat(moves.a.admin("/actuator/metrics/picomesh.agent.moves.pause").at("/measurements/0/value")
                .asDouble()).as("the pause was measured").isEqualTo(1.0);
        CliRun history = CliRun.run(Map.of(), "pico", "moves", "--agent", moves.b.url());
        assertThat(history.out()).contains(pico, "target", "LIVE", "moved");
        CliRun status = CliRun.run(Map.of(), "pico", "status", pico, "--deployment", moves.mesh.state.resolve(
                "deployment.json").toString(), "--agent", moves.b.url());
        assertThat(status.out()).contains("on engine " + moves.engineB_id, "this agent hosts it", "target LIVE");
    }

    @Test
    void aTamperedSnapshotIsRejectedWithTheReasonOnBothSidesAndThePicoLivesOnAsBefore() throws Exception {
        Family family = family("tampered");
        String pico = leaseAndEnroll(2, family.parent());
        moves.b.stop(); // B takes no offer until the snapshot is spoilt
        try {
            moves.mesh.pico(2).moveLease(BigInteger.valueOf(moves.engineB_id), ANY_PRICE).send();
            await("A to seal the snapshot", () -> cid(pico) != null);
            assertThat(picosA.raw(countPath(family.parent())).statusCode()).as("held while leaving").isEqualTo(410);
            assertThat(moves.a.tick(family.parent()).statusCode()).as("A's front door holds the event")
                    .isEqualTo(202);
            Path file = moves.a.snapshots.resolve(cid(pico));
            byte[] garbage = new byte[(int) Files.size(file)];
            Arrays.fill(garbage, (byte) 0x5a);
            Files.write(file, garbage);
        } finally {
            moves.b.start();
        }

        await("B to reject", () -> moves.b.state(pico).equals("REJECTED"));
        await("A to roll back", () -> moves.a.state(pico).equals("ROLLED_BACK"));
        String reasonB = moves.b.moves(pico).get(0).path("reason").asText();
        assertThat(reasonB.toLowerCase(Locale.ROOT)).contains("snapshot");
        assertThat(moves.a.moves(pico).get(0).path("reason").asText()).startsWith("rejected by the target: ")
                .contains(reasonB.substring(0, Math.min(20, reasonB.length())));
        await("the held event to be delivered on A", () -> picosA.count(family.parent()) == 4);
        Thread.sleep(500);
        assertThat(picosA.count(family.parent())).as("the pico answers on A again, the held event counted once")
                .isEqualTo(4);
        assertThat(moves.mesh.pico(2).currentLease(address(2)).send().engineId.longValueExact())
                .isEqualTo(moves.mesh.engineId);
    }

    @Test
    void aMoveWhoseWindowRunsOutRollsBackAndThePicoLivesOnA() throws Exception {
        Family family = family("stuck");
        String pico = leaseAndEnroll(3, family.parent());
        // engine C has no agent: nobody takes the offer
        moves.mesh.pico(3).moveLease(BigInteger.valueOf(moves.engineC_id), ANY_PRICE).send();
        await("A to seal the snapshot", () -> cid(pico) != null);

        moves.mesh.anvil.increaseTime(Duration.ofMinutes(11));

        await("A to roll back", () -> moves.a.state(pico).equals("ROLLED_BACK"));
        assertThat(moves.a.moves(pico).get(0).path("reason").asText()).contains("window ran out");
        assertThat(picosA.count(family.parent())).isEqualTo(3);
        assertThat(moves.mesh.pico(3).currentLease(address(3)).send().moveTo.signum()).isZero();
    }

    @Test
    void aSnapshotSealedToAKeyTheTargetDoesNotHoldIsRejectedAndThePicoStays() throws Exception {
        Family family = family("wrongkey");
        String pico = leaseAndEnroll(4, family.parent());
        byte[] someoneElses = EncryptionKeyFile.raw(KeyPairGenerator.getInstance("X25519").generateKeyPair()
                .getPublic());
        moves.b.advertise(someoneElses); // B's advert names a key B does not hold
        try {
            moves.mesh.pico(4).moveLease(BigInteger.valueOf(moves.engineB_id), ANY_PRICE).send();

            await("B to reject", () -> moves.b.state(pico).equals("REJECTED"));
            await("A to roll back", () -> moves.a.state(pico).equals("ROLLED_BACK"));
        } finally {
            moves.b.advertise();
        }
        assertThat(moves.b.moves(pico).get(0).path("reason").asText()).contains("does not open",
                "wrong_key_or_context");
        assertThat(moves.a.moves(pico).get(0).path("reason").asText()).contains("rejected by the target",
                "does not open");
        assertThat(picosA.count(family.parent())).isEqualTo(3);
        assertThat(picosB.raw(countPath(family.parent())).statusCode()).as("nothing of it on B").isEqualTo(404);
    }

    @Test
    void theTargetExpiresAMoveWhoseSourceNeverOffersAndTheSourceFindsItOverWhenItComesBack() throws Exception {
        Family family = family("orphan");
        String pico = leaseAndEnroll(6, family.parent());
        moves.a.stop();
        try {
            moves.mesh.pico(6).moveLease(BigInteger.valueOf(moves.engineB_id), ANY_PRICE).send();
            await("B to wait for the offer", () -> moves.b.state(pico).equals("AWAITING_OFFER"));

            moves.mesh.anvil.increaseTime(Duration.ofMinutes(11));

            await("B to expire the move", () -> moves.b.state(pico).equals("REJECTED"));
        } finally {
            moves.a.start();
        }
        assertThat(moves.b.moves(pico).get(0).path("reason").asText()).contains("window ran out");
        await("A to see the move over", () -> moves.a.state(pico).equals("ROLLED_BACK"));
        assertThat(picosA.count(family.parent())).isEqualTo(3);
        assertThat(moves.mesh.pico(6).currentLease(address(6)).send().moveTo.signum()).isZero();
    }

    private record Family(String parent, String child) {}

    /** A pico with the counter at 3 and a child with it at 2. */
    private Family family(String name) {
        String parent = picosA.child(picosA.rootEci(), name, TestPicos.COUNTER);
        for (int i = 0; i < 3; i++) {
            picosA.tick(parent);
        }
        String child = picosA.child(parent, name + "-child", TestPicos.COUNTER);
        picosA.tick(child);
        picosA.tick(child);
        return new Family(parent, child);
    }

    private String leaseAndEnroll(int n, String eci) throws Exception {
        var opened = moves.mesh.pico(n).openLease(BigInteger.valueOf(moves.mesh.engineId), ANY_PRICE,
                AgentMesh.ether("0.01")).send();
        long leaseId = moves.mesh.pico(n).getLeaseOpenedEvents(opened).get(0).leaseId.longValueExact();
        CliRun enrolled = CliRun.run(Map.of(), "pico", "enroll", eci, "--pico", address(n), "--agent", moves.a.url());
        assertThat(enrolled.out()).as(enrolled.toString()).contains("enrolled", "lease " + leaseId);
        return address(n);
    }

    private static String picoKey(int n) {
        return Numeric.toHexStringNoPrefixZeroPadded(SampleAdverts.pico(n).getEcKeyPair().getPrivateKey(), 64);
    }

    private String cid(String pico) {
        try {
            JsonNode moves = this.moves.a.moves(pico);
            return moves.isEmpty() || moves.get(0).path("cid").isNull() ? null : moves.get(0).path("cid").asText();
        } catch (Exception e) {
            return null;
        }
    }

    private static List<String> steps(JsonNode move) {
        List<String> states = new ArrayList<>();
        move.path("steps").forEach(s -> states.add(s.path("state").asText()));
        return states;
    }

    private static List<String> storedSnapshots(Path store) throws java.io.IOException {
        try (var files = Files.list(store)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith("baf")).toList();
        }
    }
}
