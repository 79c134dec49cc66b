package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;
import static org.picomesh.agent.picoengine.TestPicos.countPath;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.DirectoryProcess;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.picoengine.PicoEngine048;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.crypto.Keys;

/**
 * A pico moves from engine A to engine B while it is called, on anvil, the agents' PostgreSQL, the directory (its own
 * process) and three real pico engines behind their agents: a client calls it at A's front door, and a pico on engine
 * C sends it events with KRL {@code event:send} to A's advertised endpoint, before, during and after the move. The
 * pico arrives whole (children, channels, scheduled event), each event is run exactly once and in the order it was
 * sent, A is paid up to the acceptance and the directory shows the move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoveUnderTrafficIT {
    private static final int PICO = 1;
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);
    private static final BigInteger DEPOSIT = AgentMesh.ether("0.01");
    /** Rounds of calls after the move settled: they go through A's forwarding and redirects. */
    private static final int ROUNDS_AFTER = 3;
    private static final int MAX_ROUNDS = 400;

    private MoveMesh moves;
    private DirectoryProcess directory;
    private TestPicos picosA;
    private TestPicos picosB;
    private TestPicos picosC;
    private String relay;
    private String payout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> sent = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        moves = new MoveMesh("--picomesh.agent.claim-interval=1s");
        moves.startC(); // before the directory boots: a pico engine must answer within its start bound
        directory = DirectoryProcess.launch(moves.mesh.state.resolve("deployment.json"), moves.mesh.newDataDir());
        payout = Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair())).toLowerCase(Locale.ROOT);
        moves.mesh.registry(AgentMesh.OPERATOR).setPayout(BigInteger.valueOf(moves.a.engineId), payout).send();
        picosA = new TestPicos(moves.mesh.engine.url());
        picosB = new TestPicos(moves.engineB.url());
        picosC = new TestPicos(moves.engineC.url());
        picosA.registerCounter();
        picosC.register(TestPicos.RELAY);
        relay = picosC.child(picosC.rootEci(), "relay", TestPicos.RELAY);
        directory.awaitStarted();
    }

    @AfterAll
    void stop() throws Exception {
        if (directory != null) {
            directory.close();
        }
        if (moves != null) {
            moves.close();
        }
    }

    @Test
    void aPicoCalledByAClientAndByAPicoOnAThirdEngineMovesWholeAndRunsEveryEventOnceInOrder() throws Exception {
        Family family = family();
        String pico = address();
        long fromLease = leaseAndEnroll(family.parent());
        moves.mesh.anvil.increaseTime(Duration.ofHours(3)); // three hours of rent on A before the move

        moves.b.stop(); // B takes no offer yet: the pico stays held at A while it is called
        try {
            moves.mesh.pico(PICO).moveLease(BigInteger.valueOf(moves.b.engineId), ANY_PRICE).send();
            await("A to hold the pico", () -> Set.of("LEAVING", "SEALED", "OFFERED").contains(moves.a.state(pico)));
            for (int round = 1; round <= 3; round++) {
                assertThat(call(family.parent(), "held-c" + round)).as("held by A's front door").isEqualTo(202);
                relayTick(family.parent(), "held-r" + round);
            }
        } finally {
            moves.b.start();
        }
        int round = 0;
        int afterSettled = 0;
        while (afterSettled < ROUNDS_AFTER && ++round <= MAX_ROUNDS) { // calls while B imports, accepts, goes live
            assertThat(call(family.parent(), "c" + round)).as("client call %d", round).isIn(200, 202);
            relayTick(family.parent(), "r" + round);
            if (settled(pico)) {
                afterSettled++;
            }
        }
        assertThat(afterSettled).as("the move settled within %d rounds of calls", MAX_ROUNDS).isEqualTo(ROUNDS_AFTER);

        await("every held event delivered", () -> pending(moves.a) == 0 && pending(moves.b) == 0);
        List<String> expected = new ArrayList<>(List.of("before-1", "before-2", "before-3"));
        expected.addAll(sent);
        assertThat(picosB.seen(family.parent())).as("every event once, in the order it was sent")
                .containsExactlyElementsOf(expected);
        assertTheWholePicoAnswersOnB(family, expected.size());
        assertCallsToAReachThePicoOnB(family.parent(), expected.size());
        assertLeaseAndPayments(fromLease);
        assertTheDirectoryShowsTheMove(fromLease);
    }

    private void assertTheWholePicoAnswersOnB(Family family, int events) {
        for (String eci : family.parentEcis()) {
            assertThat(picosB.count(eci)).as("the counter through ECI " + eci + " on B").isEqualTo(events);
        }
        assertThat(picosB.count(family.sharing())).as("the child sharing its parent's ruleset").isEqualTo(2);
        picosB.tick(family.sharing());
        assertThat(picosB.count(family.sharing())).as("and it runs on B").isEqualTo(3);
        PicoEngine b = new PicoEngine048(URI.create(moves.engineB.url()), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
        assertThat(b.find(family.plain()).orElseThrow().rulesets()).contains("io.picolabs.wrangler");
        JsonNode schedules = picosB.schedules(family.parent());
        assertThat(schedules).as("the scheduled event came along").hasSize(1);
        assertThat(schedules.get(0).at("/event/type").asText()).isEqualTo("tick");
    }

    private void assertCallsToAReachThePicoOnB(String eci, int events) throws Exception {
        HttpResponse<String> redirected = http.send(HttpRequest.newBuilder(URI.create(moves.a.url() + countPath(eci)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirected.statusCode()).as("a GET to A").isEqualTo(307);
        assertThat(redirected.headers().firstValue("Location")).contains(moves.b.url() + countPath(eci));
        assertThat(clientTick(eci, "after")).as("a POST to A is forwarded to B").isEqualTo(200);
        assertThat(picosB.count(eci)).isEqualTo(events + 1);
    }

    private void assertLeaseAndPayments(long fromLease) throws Exception {
        LeaseEscrow escrow = moves.mesh.pico(PICO);
        LeaseEscrow.LeaseView to = escrow.currentLease(address()).send();
        assertThat(to.active).isTrue();
        assertThat(to.engineId.longValueExact()).as("the lease is on B").isEqualTo(moves.b.engineId);
        LeaseEscrow.LeaseView from = escrow.lease(BigInteger.valueOf(fromLease)).send();
        BigInteger upToAcceptance = from.pricePerHour.multiply(to.startedAt.subtract(from.startedAt))
                .divide(BigInteger.valueOf(3600));
        assertThat(from.active).isFalse();
        assertThat(from.deposit).as("A's lease accrued up to the acceptance").isEqualTo(upToAcceptance);
        assertThat(to.deposit).as("and the rest went to B's").isEqualTo(DEPOSIT.subtract(upToAcceptance));
        // the agent claims when a claim is worth its gas: what earned before the acceptance is claimed (during the
        // move or after it), a remainder too small for the gas stays claimable by A; nothing accrues after it
        await("A's agent to claim what the lease earned", () -> paid(fromLease).signum() > 0);
        assertThat(paid(fromLease)).isLessThanOrEqualTo(upToAcceptance);
        assertThat(moves.mesh.balance(payout)).as("A's payout address got what was claimed").isEqualTo(paid(fromLease));
    }

    private void assertTheDirectoryShowsTheMove(long fromLease) throws Exception {
        String did = "did:pkh:eip155:" + moves.mesh.deployment.chainId() + ":" + address();
        await("the directory to index the move", () -> engineOfCurrentStay(did) == moves.b.engineId);
        JsonNode shown = directory.get("/api/picos/" + did).body();
        assertThat(shown.path("history")).hasSize(2);
        assertThat(shown.at("/history/0/engineId").asLong()).isEqualTo(moves.a.engineId);
        assertThat(shown.at("/history/0/status").asText()).isEqualTo("moved");
        assertThat(shown.at("/history/0/movedToLease").asLong()).isEqualTo(shown.at("/current/leaseId").asLong());
        List<String> kinds = new ArrayList<>();
        shown.path("moves").forEach(m -> kinds.add(m.path("kind").asText() + " " + m.path("leaseId").asLong()));
        assertThat(kinds).containsExactly("MoveRequested " + fromLease, "MoveAccepted " + fromLease);
    }

    private record Family(String parent, List<String> parentEcis, String sharing, String plain) {}

    /**
     * On A: a pico with the counter at 3 (events before-1..3), a scheduled tick, two more channels; a child sharing
     * its counter ruleset (at 2), another without it.
     */
    private Family family() throws Exception {
        String parent = picosA.child(picosA.rootEci(), "traveller", TestPicos.COUNTER);
        for (int n = 1; n <= 3; n++) {
            assertThat(clientTick(parent, "before-" + n)).isEqualTo(200);
        }
        picosA.scheduleTick(parent);
        String extra1 = picosA.channel(parent, "extra1");
        String extra2 = picosA.channel(parent, "extra2");
        String sharing = picosA.child(parent, "traveller-sharing", TestPicos.COUNTER);
        picosA.tick(sharing);
        picosA.tick(sharing);
        String plain = picosA.child(parent, "traveller-plain");
        return new Family(parent, List.of(parent, extra1, extra2), sharing, plain);
    }

    private long leaseAndEnroll(String eci) throws Exception {
        var opened = moves.mesh.pico(PICO).openLease(BigInteger.valueOf(moves.a.engineId), ANY_PRICE, DEPOSIT).send();
        long leaseId = moves.mesh.pico(PICO).getLeaseOpenedEvents(opened).get(0).leaseId.longValueExact();
        moves.a.enroll(eci, address());
        return leaseId;
    }

    /** A client's call during the move: {@link #clientTick}, kept in the order sent. */
    private int call(String eci, String eid) throws Exception {
        sent.add(eid);
        return clientTick(eci, eid);
    }

    /** A counter/tick POSTed to A's front door (its advertised endpoint) under {@code eid}; the status answered. */
    private int clientTick(String eci, String eid) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(moves.a.url() + "/sky/event/" + eci + "/" + eid
                + "/counter/tick")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * Has the relay pico on engine C send a counter/tick to A's endpoint with {@code event:send}, and waits until
     * some front door or engine has it: {@code event:send} does not wait for its POST, the next call must not
     * overtake it.
     */
    private void relayTick(String eci, String eid) throws InterruptedException {
        sent.add(eid);
        picosC.relay(relay, eci, eid, moves.a.url());
        await("the event " + eid + " from engine C to arrive", () -> arrived(eci, eid));
    }

    private boolean arrived(String eci, String eid) {
        String path = "%/" + eid + "/counter/tick";
        if (held(moves.a, path) || held(moves.b, path)) {
            return true;
        }
        for (TestPicos engine : List.of(picosA, picosB)) {
            try {
                if (engine.seen(eci).contains(eid)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not on that engine (404), leaving there (410) or moved (302)
            }
        }
        return false;
    }

    /** Whether B lives the pico and A's front door has replayed all it held (then forwards and redirects). */
    private boolean settled(String pico) {
        return moves.b.state(pico).equals("LIVE") && Set.of("MOVED", "DONE").contains(moves.a.state(pico))
                && pending(moves.a) == 0;
    }

    private static boolean held(MoveMesh.Side side, String pathPattern) {
        try {
            return jdbc(side).queryForObject("select count(*) from held_event where path like ?", Long.class,
                    pathPattern) > 0;
        } catch (RuntimeException e) {
            return false; // the agent is (re)starting
        }
    }

    private static long pending(MoveMesh.Side side) {
        return jdbc(side).queryForObject("select count(*) from held_event where delivered_at is null", Long.class);
    }

    private static JdbcTemplate jdbc(MoveMesh.Side side) {
        return side.agent.getBean(JdbcTemplate.class);
    }

    private BigInteger paid(long leaseId) {
        try {
            return moves.mesh.pico(PICO).lease(BigInteger.valueOf(leaseId)).send().paid;
        } catch (Exception e) {
            return BigInteger.ZERO;
        }
    }

    private long engineOfCurrentStay(String did) {
        try {
            return directory.get("/api/picos/" + did).body().at("/current/engineId").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static String address() {
        return SampleAdverts.pico(PICO).getAddress().toLowerCase(Locale.ROOT);
    }
}
