package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.DirectoryProcess;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.utils.Numeric;

/**
 * The directory is a convenience, never an authority (issue 13): anvil, the directory's own process on its
 * PostgreSQL, three real pico engines behind their agents, all agents told to ask the directory first. An enrolled
 * pico opens its lease from its own account on its policy's terms and moves to the best engine by the directory's
 * ranking; then the directory is stopped, its host raises its price over the pico's maximum, and the pico moves again,
 * ranked from the chain and its agent's probes, to the engine the directory itself named for that state, paying its
 * rent from its own account by its own policy, its state kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PicoChoosesWithoutTheDirectoryIT {
    private static final BigInteger PRICE = new BigInteger("1000000000000000"); // every engine's, to begin with
    private static final BigInteger MAX = PRICE.multiply(BigInteger.TWO);
    private static final long PREPAID = 7200;
    /**
     * Cost alone (the directory's probes are off: measured factors would differ by who measured). The cool-down
     * holds the pico on its second host while the test asks the directory and stops it.
     */
    private static final String POLICY = "{\"constraints\": {\"maxPrice\": \"" + MAX + "\"},"
            + " \"weights\": {\"cost\": 1, \"latency\": 0, \"availability\": 0, \"stake\": 0, \"freeCapacity\": 0},"
            + " \"moves\": {\"sustainedSeconds\": 2, \"maxMoves\": 3, \"windowSeconds\": 3600,"
            + " \"cooldownSeconds\": 45}, \"prepaidSeconds\": " + PREPAID + "}";
    private MoveMesh moves;
    private DirectoryProcess directory;
    private ChoosingPicos choices;
    private PicoLedger ledger;
    private TestPicos picosA;

    @BeforeAll
    void start() throws Exception {
        int port = DirectoryProcess.freePort();
        moves = new MoveMesh("--picomesh.agent.placement.interval=1s", "--picomesh.agent.placement.probe-ttl=2s",
                "--picomesh.agent.directory.url=http://127.0.0.1:" + port, "--picomesh.agent.directory.timeout=2s",
                "--picomesh.agent.directory.attempts=1", "--picomesh.agent.rent.interval=1s");
        moves.startC(); // before the directory's JVM: on a loaded machine both at once outlast an engine's start
        directory = DirectoryProcess.launch(moves.mesh.state.resolve("deployment.json"), moves.mesh.newDataDir(),
                port);
        choices = new ChoosingPicos(moves);
        ledger = new PicoLedger(moves.mesh);
        picosA = new TestPicos(moves.mesh.engine.url());
        picosA.registerCounter();
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
    void thePicoChoosesPaysAndMovesByTheDirectoryThenWithoutItToTheEngineTheDirectoryWouldHaveChosen()
            throws Exception {
        moves.b.advertise(moves.b.url(), PRICE.divide(BigInteger.TWO));
        moves.c.advertise(moves.c.url(), PRICE.multiply(BigInteger.valueOf(3)).divide(BigInteger.valueOf(4)));
        String eci = picosA.child(picosA.rootEci(), "thrifty", TestPicos.COUNTER);
        picosA.tick(eci);
        JsonNode enrolled = ChoosingPicos.JSON.readTree(choices.post(moves.a, "/admin/enrolments",
                "{\"eci\": \"" + eci + "\"}").body());
        String pico = enrolled.path("pico").asText();
        String did = enrolled.path("did").asText();
        moves.mesh.anvil.call("anvil_setBalance", pico, Numeric.toHexStringWithPrefix(PRICE.multiply(
                BigInteger.valueOf(1000))));
        BigInteger funded = ledger.balance(pico);

        long leaseId = openLeaseByPolicy(pico);

        BigInteger deposit = PRICE.multiply(BigInteger.valueOf(PREPAID)).divide(BigInteger.valueOf(3600));
        assertThat(ledger.lease(pico).deposit).as("the policy's two hours at A's price").isEqualTo(deposit);
        assertThat(funded.subtract(ledger.balance(pico))).as("the deposit and the gas, from the pico's own account")
                .isEqualTo(deposit.add(ledger.gasPaidToOpen(leaseId)));

        JsonNode given = choices.event(moves.a.url(), eci, "policy_given", Map.of("policy",
                ChoosingPicos.JSON.readTree(POLICY)));
        assertThat(given.toString()).contains("\"valid\":true");
        await("the pico to be live on B, the cheapest", () -> moves.b.state(pico).equals("LIVE"));
        // B records the arrival with an event of its own once the pico runs there (reading the pico's key first)
        await("its arrival recorded by B", () -> ChoosingPicos.countOf(choices.decisions(moves.b, did), "moved") == 1);
        JsonNode toB = ChoosingPicos.newest(choices.page(moves.b, did), "moved");
        assertThat(toB.path("to").asLong()).isEqualTo(moves.engineB_id);
        assertThat(toB.path("source").asText()).as("ranked by the directory: " + toB).isEqualTo("directory");
        LeaseEscrow.LeaseView onB = ledger.lease(pico);
        assertThat(onB.engineId.longValueExact()).isEqualTo(moves.engineB_id);
        assertThat(onB.deposit).as("the pico's own deposit, carried; no day's rent paid on B's default terms")
                .isBetween(deposit.subtract(PRICE.divide(BigInteger.TEN)), deposit);

        // B now asks more than the pico's maximum
        moves.b.advertise(moves.b.url(), PRICE.multiply(BigInteger.valueOf(3)));
        long named = directorysChoiceOnB();
        assertThat(named).as("C is the cheapest engine left").isEqualTo(moves.engineC_id);
        assertThat(ledger.lease(pico).engineId.longValueExact()).as("the cool-down outlasted asking the directory")
                .isEqualTo(moves.engineB_id);
        BigInteger beforeMove = ledger.balance(pico);
        directory.close();
        assertThat(directory.answers()).isFalse();

        await("the pico to be live on the engine the directory named", () -> moves.c.state(pico).equals("LIVE"));
        await("its arrival recorded by C", () -> ChoosingPicos.countOf(choices.decisions(moves.c, did), "moved") == 2);
        JsonNode page = choices.page(moves.c, did);
        JsonNode toC = ChoosingPicos.newest(page, "moved");
        assertThat(toC.path("to").asLong()).isEqualTo(named);
        assertThat(toC.path("source").asText()).as("ranked from the chain and the agent's probes: " + toC)
                .isEqualTo("chain");
        assertThat(toC.path("reason").asText()).contains("this host no longer passes the policy",
                "is above the maximum " + MAX);
        assertThat(ChoosingPicos.count(page, "moved")).isEqualTo(2);
        assertThat(new TestPicos(moves.engineC.url()).count(eci)).as("its state came along").isEqualTo(1);
        LeaseEscrow.LeaseView onC = ledger.lease(pico);
        assertThat(onC.engineId.longValueExact()).isEqualTo(named);
        assertThat(onC.moveTo.signum()).isZero();
        assertThat(onC.deposit).as("carried from B, which topped nothing up while the pico was leaving")
                .isLessThanOrEqualTo(onB.deposit);
        assertThat(ledger.balance(pico)).as("the pico signed its move itself").isLessThan(beforeMove);

        topsUpOnItsPolicysTermsWithoutTheDirectory(pico);
    }

    /** Twenty minutes of rent left on C: C's agent tops the lease up to the policy's two hours, from the pico. */
    private void topsUpOnItsPolicysTermsWithoutTheDirectory(String pico) throws Exception {
        LeaseEscrow.LeaseView lease = ledger.lease(pico);
        BigInteger price = lease.pricePerHour;
        long runway = lease.deposit.subtract(lease.accrued).multiply(BigInteger.valueOf(3600)).divide(price)
                .longValueExact();
        BigInteger account = ledger.balance(pico);
        ledger.warp(runway - 1200);
        await("C's agent to top the lease up", () -> ledger.deposit(pico).compareTo(lease.deposit) > 0);
        LeaseEscrow.LeaseView topped = ledger.lease(pico);
        assertThat(account.subtract(ledger.balance(pico))).as("paid from the pico's own account, gas included")
                .isGreaterThan(topped.deposit.subtract(lease.deposit));
        BigInteger twoHours = price.multiply(BigInteger.valueOf(PREPAID)).divide(BigInteger.valueOf(3600));
        assertThat(topped.deposit.subtract(topped.accrued)).as("the policy's two hours ahead, not a day")
                .isBetween(twoHours.subtract(price.divide(BigInteger.valueOf(60))), twoHours);
    }

    /** The pico's first lease, on A, on its policy's terms (retried until A's agent followed its own advert). */
    private long openLeaseByPolicy(String pico) throws Exception {
        AtomicReference<HttpResponse<String>> opened = new AtomicReference<>();
        await("the lease opened by policy", () -> {
            try {
                opened.set(choices.post(moves.a, "/admin/picos/" + pico + "/lease-by-policy", POLICY));
                return opened.get().statusCode() != 503;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(opened.get().statusCode()).as(opened.get().body()).isEqualTo(200);
        return ChoosingPicos.JSON.readTree(opened.get().body()).path("leaseId").asLong();
    }

    /** What the directory's {@code POST /api/select} chooses for the pico's policy on B, once it saw B's price. */
    private long directorysChoiceOnB() throws Exception {
        String asked = POLICY.substring(0, POLICY.length() - 1) + ", \"currentEngine\": " + moves.engineB_id + "}";
        AtomicReference<JsonNode> answer = new AtomicReference<>();
        await("the directory to see B's new price", () -> {
            try {
                DirectoryProcess.Answer select = directory.post("/api/select", asked);
                answer.set(select.body());
                return select.status() == 200 && excludedForPrice(answer.get(), moves.engineB_id);
            } catch (Exception e) {
                return false;
            }
        });
        return answer.get().path("candidates").get(0).path("id").asLong();
    }

    private static boolean excludedForPrice(JsonNode ranking, long engine) {
        for (JsonNode excluded : ranking.path("excluded")) {
            if (excluded.path("id").asLong() == engine && excluded.path("reasons").toString()
                    .contains("is above the maximum")) {
                return true;
            }
        }
        return false;
    }
}
