package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.picomesh.agent.AgentCli;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;
import picocli.CommandLine;

/**
 * A pico follows the market by its own policy and its own events (issue 13), with anvil, PostgreSQL, real pico engines
 * behind their agents (evaluating every second): a pico joins the market by an event its own code raises and, once
 * its owner funds its account, opens its first lease from it; it asks to move and is answered by its policy (stays,
 * saying why, then moves when its policy says so); and a cheaper engine that registers midway, with its own engine
 * and agent, gets a pico once, after the policy's sustained time, and keeps it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PicoFollowsTheMarketIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger PRICE = new BigInteger("1000000000000000");
    private static final Pattern SINCE = Pattern.compile("ranked first since (\\S+) \\(at least PT(\\d+)S\\)");
    private MoveMesh moves;
    private TestPicos picosA;
    private ChoosingPicos owner;

    @BeforeAll
    void start() throws Exception {
        moves = new MoveMesh("--picomesh.agent.placement.interval=1s", "--picomesh.agent.placement.probe-ttl=2s");
        owner = new ChoosingPicos(moves);
        picosA = new TestPicos(moves.mesh.engine.url());
        picosA.registerCounter();
        picosA.register("org.picomesh.test.joiner");
    }

    @AfterAll
    void stop() throws Exception {
        if (moves != null) {
            moves.close();
        }
    }

    @Test
    @Order(1)
    void aPicoJoinsByItsOwnEventPaysItsFirstLeaseOnceFundedAndItsRequestsToMoveAreAnsweredByItsPolicy()
            throws Exception {
        String eci = picosA.child(picosA.rootEci(), "joiner", TestPicos.COUNTER, "org.picomesh.test.joiner");
        // the scheduled rounds never move it (an hour's sustained time): only its own requests do
        String policy = policy(3600, List.of(moves.engineC_id));

        owner.event(moves.a.url(), eci, "joiner", "join", Map.of("policy", policy));
        await("the pico's market address", () -> !address(eci).isEmpty());
        String address = address(eci);
        String did = "did:pkh:eip155:31337:" + address;
        await("the reason it has no lease", () -> owner.decisions(moves.a, did).toString().contains(
                "no lease yet: the pico's account " + address + " holds 0 wei"));
        assertThat(owner.page(moves.a, did).path("policy").path("moves").path("sustainedSeconds").asLong())
                .as("the policy it joined with").isEqualTo(3600);

        moves.mesh.anvil.call("anvil_setBalance", address, Numeric.toHexStringWithPrefix(AgentMesh.ether("1")));
        await("its first lease", () -> owner.decisions(moves.a, did).toString()
                .contains("\"kind\":\"lease-opened\""));
        var lease = moves.mesh.pico(1).currentLease(address).send();
        assertThat(lease.active).isTrue();
        assertThat(lease.engineId.longValueExact()).isEqualTo(moves.mesh.engineId);
        assertThat(moves.mesh.balance(address)).as("paid from its own account").isLessThan(AgentMesh.ether("1"));

        owner.event(moves.a.url(), eci, "joiner", "move", Map.of());
        await("its answer to the request: it stays", () -> answered(moves.a, did, "the current host ranks first"));
        assertThat(ChoosingPicos.newest(owner.page(moves.a, did), "move-requested").path("reason").asText())
                .isEqualTo("the pico asked to move");

        owner.event(moves.a.url(), eci, "joiner", "move", Map.of("to", Long.toString(moves.engineC_id)));
        await("its answer to a move to C: it stays", () -> answered(moves.a, did, "engine " + moves.engineC_id
                + " does not pass the pico's policy (excluded by the policy"));

        moves.b.advertise(moves.b.url(), PRICE.divide(BigInteger.TWO));
        await("B ranked first, and the pico waiting an hour for it", () -> owner.decisions(moves.a, did)
                .toString()
                .contains("engine " + moves.engineB_id + " ranks first since"));
        owner.event(moves.a.url(), eci, "joiner", "move", Map.of());
        await("the pico to be live on B", () -> moves.b.state(address).equals("LIVE"));
        await("its arrival recorded", () -> count(owner.decisions(moves.b, did), "moved") == 1);
        assertThat(moves.mesh.pico(1).currentLease(address).send().engineId.longValueExact())
                .isEqualTo(moves.engineB_id);
    }

    @Test
    @Order(2)
    void aCheaperEngineThatRegistersMidwayGetsThePicoOnceAfterTheSustainedTimeAndKeepsIt() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "follower", TestPicos.COUNTER);
        picosA.tick(eci);
        ChoosingPicos.Enrolled enrolled = owner.enrol(eci, moves.a, "2000000000000000");
        String[] pico = {enrolled.address(), enrolled.did()};
        String did = pico[1];
        // B (cheaper since the first test) and C (no agent) are out: A is the best there is, until D comes
        JsonNode given = owner.event(moves.a.url(), eci, "market", "policy_given", Map.of("policy", policy(3, List.of(
                moves.engineB_id, moves.engineC_id))));
        assertThat(given.toString()).contains("\"valid\":true");
        await("a first decision: the current host ranks first", () -> owner.decisions(moves.a, did).toString()
                .contains("the current host ranks first"));

        MoveMesh.Side d = moves.join(PRICE.divide(BigInteger.valueOf(4)));
        await("the pico to be live on the new engine", () -> d.state(pico[0]).equals("LIVE"));
        await("its arrival recorded", () -> count(owner.decisions(d, did), "moved") == 1);
        JsonNode moving = ChoosingPicos.newest(owner.page(d, did), "moving");
        assertThat(moving.isMissingNode()).as("its decision to move travelled with it").isFalse();
        Matcher since = SINCE.matcher(moving.path("reason").asText());
        assertThat(since.find()).as(moving.toString()).isTrue();
        assertThat(Duration.between(Instant.parse(since.group(1)), Instant.parse(moving.path("at").asText())))
                .as("it waited the policy's sustained time").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(new TestPicos(d.engineUrl).count(eci)).as("its state came along").isEqualTo(1);

        Thread.sleep(5_000); // five evaluations on D: the newcomer is where it stays
        assertThat(count(owner.decisions(d, did), "moved")).as("moved once, not twice").isEqualTo(1);
        assertThat(count(owner.decisions(d, did), "moving")).isEqualTo(1);
        assertThat(owner.decisions(d, did).path(0).path("reason").asText())
                .contains("the current host ranks first");
        var lease = moves.mesh.pico(1).currentLease(pico[0]).send();
        assertThat(lease.engineId.longValueExact()).isEqualTo(d.engineId);
        assertThat(lease.moveTo.signum()).isZero();
        assertThat(d.moves(pico[0])).as("one move in the newcomer's journal").hasSize(1);
    }

    /** Cost only, at most 2e15 wei an hour, these engines excluded; a cool-down longer than A's 10 s grace. */
    private static String policy(int sustained, List<Long> excluded) {
        return "{\"constraints\": {\"maxPrice\": \"2000000000000000\", \"excludeEngines\": " + excluded + "},"
                + " \"weights\": {\"cost\": 1, \"latency\": 0, \"availability\": 0, \"stake\": 0, \"freeCapacity\": 0},"
                + " \"moves\": {\"sustainedSeconds\": " + sustained + ", \"maxMoves\": 3, \"windowSeconds\": 3600,"
                + " \"cooldownSeconds\": 15}}";
    }

    /** Whether the pico's newest request to move has an answer whose reason says {@code text}. */
    private boolean answered(MoveMesh.Side side, String did, String text) {
        for (JsonNode d : owner.decisions(side, did)) {
            if (d.path("kind").asText().equals("move-requested")) {
                return false;
            }
            if (d.path("kind").asText().equals("stayed") && d.path("reason").asText().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** The pico's market address, as its own {@code address} function shares it ("" before it has one). */
    private String address(String eci) {
        try {
            HttpResponse<String> answer = owner.get(moves.a.url() + "/sky/cloud/" + eci
                    + "/org.picomesh.market/address");
            JsonNode address = JSON.readTree(answer.body());
            return answer.statusCode() == 200 && address.isTextual() ? address.asText() : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static int count(JsonNode decisions, String kind) {
        int n = 0;
        for (JsonNode d : decisions) {
            n += d.path("kind").asText().equals(kind) ? 1 : 0;
        }
        return n;
    }
}
