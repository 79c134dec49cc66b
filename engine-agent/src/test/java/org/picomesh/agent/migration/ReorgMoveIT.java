package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.address;
import static org.picomesh.agent.migration.MoveMesh.await;
import static org.picomesh.agent.picoengine.TestPicos.countPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.events.EventDecoder;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.picomesh.contracts.follow.MarketEvents;
import org.picomesh.contracts.generated.EngineRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;

/**
 * Moves through reorganisations ({@code anvil_reorg} under both running agents), with two real pico engines, real
 * PostgreSQL and anvil: a move whose request leaves the chain ends clean on both sides with the pico live on the
 * source only and its held event delivered once; a move whose acceptance leaves the chain is accepted again and
 * completes once, and the source deletes its copy only once the acceptance is final; an acceptance taken back after
 * the window ran out leaves both sides DIVERGED (the source's older copy never runs again, the target holds the
 * newer one) until the lease is moved to the target again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReorgMoveIT {
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);
    private static final ObjectMapper JSON = new ObjectMapper();
    private MoveMesh moves;
    private Web3j web3j;
    private TestPicos picosA;
    private TestPicos picosB;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeAll
    void start() throws Exception {
        moves = new MoveMesh("--picomesh.agent.move-finality=finalized", "--picomesh.agent.moved-copy-grace=1s");
        web3j = Web3j.build(new HttpService(moves.mesh.anvil.rpcUrl()));
        picosA = new TestPicos(moves.mesh.engine.url());
        picosB = new TestPicos(moves.engineB.url());
        picosA.registerCounter();
    }

    @AfterAll
    void stop() throws Exception {
        if (web3j != null) {
            web3j.shutdown();
        }
        if (moves != null) {
            moves.close();
        }
    }

    @Test
    void aMoveWhoseRequestLeavesTheChainEndsCleanOnBothSidesAndTheHeldEventIsDeliveredOnceOnTheSource()
            throws Exception {
        String eci = family("request-dropped");
        String pico = moves.leaseOnAAndEnroll(1, eci);
        advertiseB("http://127.0.0.1:9"); // A cannot reach B: its offer waits
        try {
            long fork = head();
            moves.mesh.pico(1).moveLease(BigInteger.valueOf(moves.engineB_id), ANY_PRICE).send();
            await("A to seal and try to offer", () -> moves.a.state(pico).equals("SEALED"));
            await("B to wait for the offer", () -> moves.b.state(pico).equals("AWAITING_OFFER"));
            assertThat(moves.a.tick(eci).statusCode()).as("A's front door holds the event").isEqualTo(202);
            awaitFollowed();

            moves.mesh.anvil.call("anvil_reorg", head() - fork, List.of()); // drops the request

            await("A to roll back", () -> moves.a.state(pico).equals("ROLLED_BACK"));
            await("B to discard", () -> moves.b.state(pico).equals("REJECTED"));
        } finally {
            moves.b.advertise();
        }
        await("the held event delivered on A", () -> picosA.count(eci) == 4);
        Thread.sleep(500);
        assertThat(picosA.count(eci)).as("delivered once").isEqualTo(4);
        assertThat(query(moves.a.url(), eci)).as("the pico answers through A's front door").isEqualTo("4");
        assertThat(moves.a.moves(pico).get(0).path("reason").asText()).contains("request left the chain");
        assertThat(moves.b.moves(pico).get(0).path("reason").asText()).contains("request left the chain");
        assertThat(picosB.raw(countPath(eci)).statusCode()).as("nothing of it on B").isEqualTo(404);
        var lease = moves.mesh.pico(1).currentLease(address(1)).send();
        assertThat(lease.engineId.longValueExact()).isEqualTo(moves.mesh.engineId);
        assertThat(lease.moveTo.signum()).as("no move pending on the chain that stays").isZero();
        assertThat(events(MarketEvent.MoveRejected.class)).as("nothing to reject: B sent nothing").isEmpty();
    }

    @Test
    void aMoveWhoseAcceptanceLeavesTheChainIsAcceptedAgainAndCompletesOnceWithTheCopyDeletedAfterFinality()
            throws Exception {
        String eci = family("acceptance-dropped");
        String pico = moves.leaseOnAAndEnroll(2, eci);
        moves.b.stop(); // B takes no offer until the fork point is set
        long fork;
        try {
            moves.mesh.pico(2).moveLease(BigInteger.valueOf(moves.engineB_id), ANY_PRICE).send();
            await("A to seal", () -> moves.a.state(pico).equals("SEALED"));
            assertThat(moves.a.tick(eci).statusCode()).as("held on A while leaving").isEqualTo(202);
            fork = head();
        } finally {
            moves.b.start();
        }
        await("the pico to be live on B", () -> moves.b.state(pico).equals("LIVE"));
        await("A to mark its copy moved", () -> moves.a.state(pico).equals("MOVED"));
        await("the held event replayed to B", () -> picosB.count(eci) == 4);
        assertThat(moves.a.tick(eci).statusCode()).as("forwarded, or queued behind the replay")
                .isIn(200, 202);
        await("the event sent to A to reach B", () -> picosB.count(eci) == 5);
        long picosOnB = picosOn(moves.engineB.url());
        double completed = completedOnB();
        awaitFollowed();
        assertThat(events(MarketEvent.MoveAccepted.class)).hasSize(1);

        moves.mesh.anvil.call("anvil_reorg", head() - fork, List.of()); // drops the acceptance (and only it)

        assertThat(events(MarketEvent.MoveAccepted.class)).as("the acceptance left the chain").isEmpty();
        await("B to accept again and be live", () -> live(moves.b, pico) == 2);
        await("A to see the acceptance again", () -> steps(moves.a, pico).stream().anyMatch(s -> s.contains(
                "mined again")));
        assertThat(events(MarketEvent.MoveAccepted.class)).as("accepted once on the chain that stays").hasSize(1);
        var lease = moves.mesh.pico(2).currentLease(address(2)).send();
        assertThat(lease.active).isTrue();
        assertThat(lease.engineId.longValueExact()).isEqualTo(moves.engineB_id);
        assertThat(picosB.count(eci)).as("the pico on B kept its state, nothing delivered twice").isEqualTo(5);
        assertThat(picosOn(moves.engineB.url())).as("nothing imported twice on B").isEqualTo(picosOnB);
        // the first ACCEPTING may not show: the follower (woken by each new head) can see the acceptance mined before
        // the worker records sending it, and IMPORTED goes straight to ACCEPTED; after the rewind it always shows
        assertThat(steps(moves.b, pico)).extracting(s -> s.split(" ")[0]).containsSubsequence("IMPORTED",
                "ACCEPTED", "LIVE", "ACCEPTING", "ACCEPTED", "LIVE");
        // B sends the acceptance again; its note ("accepted again") shows unless the follower, woken by the new head,
        // records the acceptance before the worker records sending it (then ACCEPTING goes straight to ACCEPTED)
        assertThat(steps(moves.b, pico)).anyMatch(s -> s.startsWith("ACCEPTING the acceptance left the chain"))
                .filteredOn(s -> s.startsWith("IMPORTED")).as("imported once").hasSize(1);
        assertThat(completedOnB()).as("the move counted as completed once").isEqualTo(completed).isPositive();

        Thread.sleep(3_000); // past the grace period (1 s): the acceptance is not final yet
        assertThat(moves.a.state(pico)).as("A keeps its copy marked moved").isEqualTo("MOVED");
        assertThat(picosA.raw(countPath(eci)).statusCode()).isEqualTo(302);
        moves.mesh.anvil.call("anvil_mine", "0x48"); // anvil's finalized block is 64 under the head
        await("A to delete its copy once the acceptance is final", () -> moves.a.state(pico).equals("DONE"));
        assertThat(picosA.raw(countPath(eci)).statusCode()).isEqualTo(404);
        assertThat(moves.a.tick(eci).statusCode()).as("still forwarded to B").isEqualTo(200);
        assertThat(picosB.count(eci)).isEqualTo(6);
    }

    @Test
    void anAcceptanceTakenBackAfterTheWindowRanOutDivergesLoudlyAndMovingTheLeaseAgainResolvesIt() throws Exception {
        String eci = family("diverged");
        String pico = moves.leaseOnAAndEnroll(3, eci);
        moves.mesh.pico(3).moveLease(BigInteger.valueOf(moves.engineB_id), ANY_PRICE).send();
        long fork = head(); // the request's block stays, the acceptance after it goes
        await("the pico to be live on B", () -> moves.b.state(pico).equals("LIVE"));
        await("A to mark its copy moved", () -> moves.a.state(pico).equals("MOVED"));
        picosB.tick(eci); // B's copy is now newer than A's: 4 against 3
        awaitFollowed();
        moves.b.stop(); // B cannot accept again before the window runs out
        try {
            moves.mesh.anvil.call("anvil_reorg", head() - fork, List.of());
            moves.mesh.anvil.increaseTime(java.time.Duration.ofMinutes(11));
            moves.mesh.pico(3).expireMove(leaseId(3)).send();
            await("A to diverge", () -> moves.a.state(pico).equals("DIVERGED"));
        } finally {
            moves.b.start();
        }
        await("B to diverge", () -> moves.b.state(pico).equals("DIVERGED"));
        assertThat(moves.a.moves(pico).get(0).path("reason").asText()).contains("acceptance left the chain",
                "window ran out");
        assertThat(moves.a.admin("/actuator/metrics/picomesh.agent.moves.diverged").at("/measurements/0/value")
                .asDouble()).as("counted where it is watched").isEqualTo(1.0);
        assertThat(picosA.raw(countPath(eci)).statusCode()).as("A never runs its older copy again").isEqualTo(302);
        assertThat(moves.b.tick(eci).statusCode()).as("B holds the pico's events").isEqualTo(202);
        await("B's engine to hold its copy leaving too (no scheduled event, no local event:send runs it)",
                () -> picosB.raw(countPath(eci)).statusCode() == 410);

        moves.mesh.pico(3).moveLease(BigInteger.valueOf(moves.engineB_id), ANY_PRICE).send(); // the way out

        await("B to accept at once and be live", () -> moves.b.state(pico).equals("LIVE"));
        await("the held event delivered on B", () -> picosB.count(eci) == 5);
        assertThat(moves.mesh.pico(3).currentLease(address(3)).send().engineId.longValueExact())
                .isEqualTo(moves.engineB_id);
        await("A to take the acceptance", () -> moves.a.state(pico).equals("MOVED"));
        moves.mesh.anvil.call("anvil_mine", "0x48");
        await("A to delete its older copy once the acceptance is final", () -> moves.a.state(pico).equals("DONE"));
        assertThat(picosB.count(eci)).as("the newer state lives on").isEqualTo(5);
    }

    private BigInteger leaseId(int n) throws Exception {
        return moves.mesh.pico(n).currentLease(address(n)).send().id;
    }

    private double completedOnB() throws Exception {
        return moves.b.admin("/actuator/metrics/picomesh.agent.moves.completed?tag=side:target")
                .at("/measurements/0/value").asDouble();
    }

    /** A counter pico at 3 on A. */
    private String family(String name) {
        String eci = picosA.child(picosA.rootEci(), name, TestPicos.COUNTER);
        for (int i = 0; i < 3; i++) {
            picosA.tick(eci);
        }
        return eci;
    }

    private void advertiseB(String endpoint) throws Exception {
        var sample = SampleAdverts.advert(endpoint, 1, AgentMesh.CAPACITY);
        moves.mesh.registry(MoveMesh.OPERATOR_B).updateAdvert(BigInteger.valueOf(moves.engineB_id),
                new EngineRegistry.Advert(endpoint, "did:web:engine-b.example", sample.pricePerHour, sample.latencyMs,
                        sample.capacity, sample.region, sample.metadataCid, EncryptionKeyFile.raw(moves.b.key.pair().getPublic()))).send();
    }

    private void awaitFollowed() throws InterruptedException {
        await("both agents to follow the head", () -> followed(moves.a) && followed(moves.b));
    }

    private boolean followed(MoveMesh.Side side) {
        Long at = side.agent.getBean(JdbcTemplate.class).queryForObject(
                "select max(block_number) from follower_checkpoint", Long.class);
        return at != null && at == head();
    }

    private long live(MoveMesh.Side side, String pico) {
        return steps(side, pico).stream().filter(s -> s.equals("LIVE")).count();
    }

    /** The side's latest move of the pico: each step's state, and its detail when it has one. */
    private static List<String> steps(MoveMesh.Side side, String pico) {
        List<String> steps = new ArrayList<>();
        try {
            side.moves(pico).get(0).path("steps").forEach(s -> steps.add(s.path("detail").isNull()
                    ? s.path("state").asText() : s.path("state").asText() + " " + s.path("detail").asText()));
        } catch (Exception e) {
            return List.of();
        }
        return steps;
    }

    private <E extends MarketEvent> List<E> events(Class<E> kind) throws Exception {
        var filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(head())), moves.mesh.deployment.escrow());
        return web3j.ethGetLogs(filter).send().getLogs().stream().map(r -> (Log) r.get())
                .flatMap(l -> EventDecoder.market().decode(l).stream()).map(MarketEvents::from)
                .map(Located::event).filter(kind::isInstance).map(kind::cast).toList();
    }

    private long head() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many picos the engine holds (its database, read on loopback). */
    private long picosOn(String engineUrl) throws Exception {
        JsonNode dump = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(engineUrl + "/api/db-dump"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        return dump.path("pico").size();
    }

    private String query(String agent, String eci) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(agent + countPath(eci))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
