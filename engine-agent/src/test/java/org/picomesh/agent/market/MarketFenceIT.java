package org.picomesh.agent.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.picoengine.PicoEngine048;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.devnet.PicoEngineProcess;

/**
 * The agent-only events of {@code org.picomesh.market} (domain {@code picomesh}) are taken from the agent only (issue
 * 12/13). The front door refuses that domain, but inside the engine any pico's ruleset can {@code event:send} it to
 * any ECI it knows: a public channel it was given, its parent's channel (the root's, for a child of the root), or any
 * channel of the pico, which wrangler's shared {@code channel} function lists to whoever holds one of its ECIs.
 */
class MarketFenceIT {
    private static final String ROGUE = "org.picomesh.test.rogue";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BARRIER = Duration.ofSeconds(30);
    private static final long CHAIN_ID = 31337;
    private static final String POLICY = "{\"maxPricePerHour\":\"1000\"}";

    private static PicoEngineProcess process;
    private static TestPicos picos;
    private static PicoEngine engine;
    private static PicoKeys keys;
    private static MarketEvents agent;
    private static StandIn agentServer;
    private static StandIn thiefServer;

    @BeforeAll
    static void start() throws Exception {
        process = PicoEngineProcess.startQuiet();
        picos = new TestPicos(process.url());
        engine = new PicoEngine048(URI.create(process.url()), Duration.ofSeconds(5), Duration.ofMinutes(1));
        keys = new PicoKeys(engine);
        agent = new MarketEvents(engine, keys);
        picos.register(ROGUE);
        agentServer = new StandIn();
        thiefServer = new StandIn();
        // as AgentLink does when the agent starts
        engine.install(engine.root(), MarketRuleset.RID, MarketRuleset.source());
        engine.signal(engine.root(), MarketRuleset.DOMAIN, "agent_given", Map.of("url", agentServer.url(),
                "engine_id", "7"));
    }

    @AfterAll
    static void stop() throws Exception {
        agentServer.close();
        thiefServer.close();
        process.stop();
    }

    @Test
    void anotherPicosPolicyAndDecisionsAreNotKeptWhileTheAgentsAre() throws Exception {
        Pico victim = enrolled("policy-victim");
        String rogue = picos.child(picos.rootEci(), "policy-rogue", ROGUE);
        String main = victim.ecis().stream().filter(e -> !e.equals(victim.adminEci())).findFirst().orElseThrow();

        for (String eci : List.of(main, victim.adminEci())) {
            forgeAt(rogue, eci, "policy_set", Map.of("policy", "{\"maxPricePerHour\":\"999999999\"}"));
            forgeAt(rogue, eci, "decision_made", Map.of("at", "2026-01-01T00:00:00Z", "kind", "moved", "from", "7",
                    "to", "8", "reason", "forged", "source", "chain"));
        }
        barrierAt(rogue, victim);

        assertThat(query(victim, "policy").isNull()).as("the victim's policy").isTrue();
        assertThat(query(victim, "decisions")).as("the victim's decisions").isEmpty();

        agent.raise(victim, "policy_set", Map.of("policy", POLICY));
        agent.raise(victim, "decision_made", Map.of("at", "2026-01-02T00:00:00Z", "kind", "stayed", "from", "7",
                "to", "", "reason", "the agent's", "source", "chain"));
        assertThat(query(victim, "policy")).isEqualTo(JSON.readTree(POLICY));
        assertThat(query(victim, "decisions")).singleElement()
                .satisfies(d -> assertThat(d.path("reason").asText()).isEqualTo("the agent's"));
    }

    @Test
    void noPicoRepointsTheEnginesAgentUrl() throws Exception {
        Pico victim = enrolled("url-victim");
        String rogue = picos.child(picos.rootEci(), "url-rogue", ROGUE);
        Map<String, String> thief = Map.of("url", thiefServer.url(), "engine_id", "7");

        forgeAt(rogue, victim.adminEci(), "agent_given", thief);
        forge(rogue, "agent_given", thief); // to its parent, the root, whose copy the agent gives its URL
        barrierAt(rogue, victim);
        barrierAtRoot(rogue);
        int before = agentServer.hits.get();
        picos.event(victim.adminEci(), "market", "policy_given", Map.of("policy", POLICY));

        assertThat(thiefServer.hits).as("requests the thief's port got").hasValue(0);
        assertThat(agentServer.hits.get()).as("requests the agent got").isEqualTo(before + 1);
    }

    /**
     * Before the key there is no token: the key is taken on the pico's admin channel only, which wrangler hands to no
     * one, so a pico that knows only the channel it was given (or its parent's) cannot give a joining pico its own key
     * first. One that learnt the admin channel still can (then enrolment is refused, as before).
     */
    @Test
    void anotherPicosKeyDoesNotPreemptTheAgentsEnrolment() throws Exception {
        // a pico that installed the ruleset to join the market, not enrolled yet
        String joining = picos.child(picos.rootEci(), "joining", MarketRuleset.RID);
        Pico pico = engine.find(joining).orElseThrow();
        String rogue = picos.child(picos.rootEci(), "key-rogue", ROGUE);
        String rogueAddress = "0x" + "ab".repeat(20);

        forgeAt(rogue, joining, MarketRuleset.KEY_GIVEN, Map.of("key", "0x" + "11".repeat(32), "address",
                rogueAddress, "did", "did:pkh:eip155:31337:" + rogueAddress));
        barrierAt(rogue, pico);
        PicoKeys.Identity enrolled = keys.enrol(pico, CHAIN_ID);

        assertThat(enrolled.made()).isTrue();
        assertThat(enrolled.address()).isNotEqualTo(rogueAddress);
        assertThat(engine.query(pico, MarketRuleset.RID, "address").asText()).isEqualTo(enrolled.address());
    }

    @Test
    void aPicoEnrolledByAnOlderBuildTakesTheAgentsEventsAndNoOneElses() throws Exception {
        PicoEngineProcess older = PicoEngineProcess.startQuiet();
        try {
            TestPicos olderPicos = new TestPicos(older.url());
            PicoEngine olderEngine = new PicoEngine048(URI.create(older.url()), Duration.ofSeconds(5),
                    Duration.ofMinutes(1));
            olderPicos.post("/api/ruleset/register", Map.of("src", olderSource()));
            String eci = olderPicos.child(olderPicos.rootEci(), "enrolled-before", MarketRuleset.RID);
            Pico pico = olderEngine.find(eci).orElseThrow();
            String address = "0x" + "cd".repeat(20);
            olderEngine.signal(pico, MarketRuleset.DOMAIN, MarketRuleset.KEY_GIVEN, Map.of("key",
                    "0x" + "22".repeat(32), "address", address, "did", "did:pkh:eip155:31337:" + address));
            olderPicos.register(ROGUE);
            String rogue = olderPicos.child(olderPicos.rootEci(), "older-rogue", ROGUE);

            // the agent of this build starts: it registers its ruleset, which every pico running it then runs
            olderEngine.install(olderEngine.root(), MarketRuleset.RID, MarketRuleset.source());
            forgeAt(olderPicos, rogue, pico.adminEci(), "decision_made", Map.of("reason", "forged"));
            barrierAt(olderPicos, olderEngine, rogue, pico);
            new MarketEvents(olderEngine, new PicoKeys(olderEngine)).raise(pico, "decision_made",
                    Map.of("reason", "the agent's"));

            JsonNode decisions = olderEngine.query(pico, MarketRuleset.RID, "decisions");
            assertThat(decisions).singleElement()
                    .satisfies(d -> assertThat(d.path("reason").asText()).isEqualTo("the agent's"));
        } finally {
            older.stop();
        }
    }

    /** A child of the root enrolled as {@code pico enroll} does it. */
    private static Pico enrolled(String name) {
        Pico pico = engine.find(picos.child(picos.rootEci(), name)).orElseThrow();
        keys.enrol(pico, CHAIN_ID);
        return engine.find(pico.adminEci()).orElseThrow();
    }

    private static JsonNode query(Pico pico, String function) {
        return engine.query(pico, MarketRuleset.RID, function);
    }

    private static String olderSource() throws IOException {
        try (InputStream krl = MarketFenceIT.class.getResourceAsStream("/picoengine/older/" + MarketRuleset.RID
                + ".krl")) {
            return new String(krl.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void forge(String rogue, String type, Map<String, String> attrs) throws IOException {
        picos.event(rogue, "rogue", "forge_requested", Map.of("type", type, "attrs", JSON.writeValueAsString(attrs)));
    }

    private static void forgeAt(String rogue, String eci, String type, Map<String, String> attrs) throws IOException {
        forgeAt(picos, rogue, eci, type, attrs);
    }

    private static void forgeAt(TestPicos on, String rogue, String eci, String type, Map<String, String> attrs)
            throws IOException {
        on.event(rogue, "rogue", "forge_at_requested", Map.of("eci", eci, "type", type, "attrs",
                JSON.writeValueAsString(attrs)));
    }

    private static void barrierAt(String rogue, Pico target) throws InterruptedException {
        barrierAt(picos, engine, rogue, target);
    }

    /** Returns once {@code target} ran the rogue's earlier events: they queue before a channel the rogue asks for. */
    private static void barrierAt(TestPicos on, PicoEngine host, String rogue, Pico target)
            throws InterruptedException {
        int before = host.find(target.adminEci()).orElseThrow().ecis().size();
        on.event(rogue, "rogue", "barrier_at_requested", Map.of("eci", target.adminEci(), "name", "barrier-"
                + System.nanoTime()));
        awaitMoreChannels(host, target.adminEci(), before);
    }

    private static void barrierAtRoot(String rogue) throws InterruptedException {
        int before = engine.root().ecis().size();
        picos.event(rogue, "rogue", "barrier_requested", Map.of("name", "barrier-" + System.nanoTime()));
        awaitMoreChannels(engine, engine.root().adminEci(), before);
    }

    private static void awaitMoreChannels(PicoEngine host, String eci, int before) throws InterruptedException {
        long deadline = System.nanoTime() + BARRIER.toNanos();
        while (host.find(eci).orElseThrow().ecis().size() == before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pico " + eci + " ran no event of the rogue within " + BARRIER);
            }
            Thread.sleep(50);
        }
    }

    /** A loopback stand-in for an agent's policy check: it counts the requests it gets and accepts each policy. */
    private static final class StandIn implements AutoCloseable {
        final AtomicInteger hits = new AtomicInteger();
        private final HttpServer server;

        StandIn() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                hits.incrementAndGet();
                byte[] body = "{\"valid\":true,\"message\":\"policy kept\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
