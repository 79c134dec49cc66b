package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.operator.CliRun;
import org.picomesh.agent.picoengine.TestPicos;

/**
 * A pico chooses its host by its own policy (issue 13), with anvil, PostgreSQL and two real pico engines behind their
 * agents, which evaluate every second: the policy is given by an event through the front door or by the command line
 * (a malformed one refused, the old one kept), the pico stays on the best engine, moves once to an engine that
 * became cheaper after the sustained time, leaves an engine whose price rose over its maximum, and stays where it is,
 * saying why, when nothing satisfies its policy. Its decisions travel with it and show on the front door.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PicoChoosesItsHostIT {
    private static final ObjectMapper JSON = ChoosingPicos.JSON;
    private static final BigInteger PRICE = new BigInteger("1000000000000000");
    private MoveMesh moves;
    private TestPicos picosA;
    private ChoosingPicos owner;

    @BeforeAll
    void start() throws Exception {
        moves = new MoveMesh("--picomesh.agent.placement.interval=1s", "--picomesh.agent.placement.probe-ttl=2s");
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
    void thePicoStaysOnTheBestEngineMovesOnceToACheaperOneAndLeavesOneThatRaisedItsPriceOverItsMaximum()
            throws Exception {
        String eci = picosA.child(picosA.rootEci(), "chooser", TestPicos.COUNTER);
        picosA.tick(eci);
        String[] pico = enrol(eci);
        String did = pico[1];
        // the cool-down outlasts A's moved copy (10 s grace): A refuses a pico whose ECIs its old copy still holds
        String policy = policy(moves.engineC_id, 3, 15);

        JsonNode given = owner.event(moves.a.url(), eci, "policy_given", Map.of("policy", JSON.readTree(policy)));
        assertThat(given.toString()).as("the agent validated it").contains("\"valid\":true");
        await("a first decision: the current host ranks first", () -> owner.decisions(moves.a, did).toString()
                .contains("the current host ranks first"));
        JsonNode page = owner.page(moves.a, did);
        assertThat(page.path("policy").path("constraints").path("maxPrice").asText()).isEqualTo("2000000000000000");
        assertThat(page.path("decisions").get(0).path("kind").asText()).isEqualTo("stayed");
        JsonNode where = owner.event(moves.a.url(), eci, "where_asked", Map.of());
        assertThat(where.toString()).as("where would I go, and why: the ranked candidates, C excluded")
                .contains("\"candidates\"", "excluded by the policy");

        moves.b.advertise(moves.b.url(), PRICE.divide(BigInteger.TWO));
        await("the pico to be live on B", () -> moves.b.state(pico[0]).equals("LIVE"));
        await("its arrival recorded by B", () -> owner.decisions(moves.b, did).toString()
                .contains("\"kind\":\"moved\""));
        JsonNode onB = owner.page(moves.b, did);
        assertThat(onB.path("decisions").toString()).as("its decisions travelled with it").contains(
                "\"kind\":\"moved\"", "ranked first since", "the current host ranks first");
        assertThat(new TestPicos(moves.engineB.url()).count(eci)).as("its state came along").isEqualTo(1);
        Thread.sleep(4_000); // several evaluations on B: the cheaper host is where it stays
        assertThat(ChoosingPicos.count(owner.page(moves.b, did), "moved")).as("moved once, not twice").isEqualTo(1);
        var lease = moves.mesh.pico(1).currentLease(pico[0]).send();
        assertThat(lease.engineId.longValueExact()).isEqualTo(moves.engineB_id);
        assertThat(lease.moveTo.signum()).isZero();

        moves.b.advertise(moves.b.url(), PRICE.multiply(BigInteger.valueOf(3)));
        await("the pico to leave B for A", () -> moves.a.state(pico[0]).equals("LIVE"));
        await("its arrival recorded by A", () -> owner.decisions(moves.a, did).findValuesAsText("kind").stream()
                .filter("moved"::equals).count() == 2);
        JsonNode back = owner.page(moves.a, did);
        assertThat(back.path("decisions").toString()).contains("this host no longer passes the policy",
                "is above the maximum 2000000000000000");
        assertThat(ChoosingPicos.count(back, "moved")).isEqualTo(2);
        assertThat(moves.mesh.pico(1).currentLease(pico[0]).send().engineId.longValueExact())
                .isEqualTo(moves.mesh.engineId);
    }

    @Test
    void aPolicyNothingSatisfiesLeavesThePicoWhereItIsAndAMalformedOneIsRefusedWithTheOldOneKept() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "picky", TestPicos.COUNTER);
        String[] pico = enrol(eci);
        Path file = Files.createTempFile("policy", ".json");
        Files.writeString(file, "{\"constraints\": {\"maxPrice\": \"1\"}, \"moves\": {\"sustainedSeconds\": 1}}");

        CliRun set = CliRun.run(Map.of(), "pico", "policy", eci, "--file", file.toString(), "--agent",
                moves.a.url());
        assertThat(set.exitCode()).as(set.toString()).isZero();
        await("the reason it stays", () -> owner.decisions(moves.a, pico[1]).toString()
                .contains("no engine passes the policy's constraints"));
        assertThat(owner.decisions(moves.a, pico[1]).get(0).path("reason").asText()).contains("is above the maximum 1");
        assertThat(moves.mesh.pico(1).currentLease(pico[0]).send().engineId.longValueExact())
                .isEqualTo(moves.mesh.engineId);

        Files.writeString(file, "{\"weights\": {\"cost\": \"cheap\"}, \"hysteresis\": 7}");
        CliRun refused = CliRun.run(Map.of(), "pico", "policy", pico[1], "--file", file.toString(), "--agent",
                moves.a.url());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("weights.cost", "hysteresis", "keeps its previous policy");
        JsonNode byEvent = owner.event(moves.a.url(), eci, "policy_given", Map.of("policy", "{\"limit\": \"ten\"}"));
        assertThat(byEvent.toString()).contains("\"valid\":false", "limit");
        CliRun shown = CliRun.run(Map.of(), "pico", "policy", pico[1], "--show", "--agent", moves.a.url());
        assertThat(shown.out()).contains("\"maxPrice\":\"1\"", "no engine passes");
        assertThat(owner.get(moves.b.url() + "/picomesh/picos/" + pico[1]).statusCode()).as("not hosted on B")
                .isEqualTo(404);
    }

    /** A policy: cost only, C excluded, at most 2e15 wei an hour; hysteresis times in seconds. */
    private static String policy(long excluded, int sustained, int cooldown) {
        return "{\"constraints\": {\"maxPrice\": \"2000000000000000\", \"excludeEngines\": [" + excluded + "]},"
                + " \"weights\": {\"cost\": 1, \"latency\": 0, \"availability\": 0, \"stake\": 0, \"freeCapacity\": 0},"
                + " \"moves\": {\"sustainedSeconds\": " + sustained + ", \"maxMoves\": 3, \"windowSeconds\": 3600,"
                + " \"cooldownSeconds\": " + cooldown + "}}";
    }

    /** Enrols the pico on A with its lease there; its address and DID. */
    private String[] enrol(String eci) {
        ChoosingPicos.Enrolled enrolled = owner.enrol(eci, moves.a, "2000000000000000");
        return new String[] {enrolled.address(), enrolled.did()};
    }
}
