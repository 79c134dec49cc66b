package org.picomesh.agent.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.picomesh.agent.AgentMesh;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A pico's agent chooses a host from the chain alone, on a real anvil with a real pico engine: every engine's advert
 * and registry state followed from the chain (a lease taking a slot, an engine unbonding), the agent's own probes of
 * the shortlist, and the directory's ranking and reasons.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the reorganisation last: the others read the chain it leaves
class ChainSelectionIT {
    private static final String MAX_PRICE = "5000000000000000"; // between sample adverts 5 and 6
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private AgentMesh mesh;
    private ConfigurableApplicationContext agent;
    private long measurable;
    private long unreachable;
    private long dear;
    private long leaving;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh(); // engine 1: sample price 1, capacity 5, an endpoint nothing answers on
        measurable = register(2, mesh.engine.url(), 4); // a real pico engine answers its probes
        unreachable = register(3, "http://127.0.0.1:1/", 4);
        dear = register(9, "http://127.0.0.1:1/", 4);
        leaving = register(4, "http://127.0.0.1:1/", 4);
        EngineRegistry operator = mesh.registry(AgentMesh.OPERATOR);
        operator.requestUnbond(BigInteger.valueOf(leaving), AgentMesh.ether("0.5")).send();
        mesh.pico(1).openLease(BigInteger.valueOf(measurable), BigInteger.TWO.pow(72), AgentMesh.ether("0.01")).send();
        agent = mesh.startAgent(mesh.newDataDir());
        Instant deadline = Instant.now().plusSeconds(60);
        while (whereTo("{}", false).path("ranking").path("considered").asInt() < 5) {
            assertThat(Instant.now()).as("the agent followed the five engines").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void ranksTheEnginesThePolicyAllowsAndSaysWhyTheOthersAreLeftOut() throws Exception {
        JsonNode where = whereTo("{\"constraints\":{\"maxPrice\":\"" + MAX_PRICE + "\"},\"weights\":{\"cost\":1}}", false);

        assertThat(ids(where.at("/ranking/candidates"))).containsExactly(mesh.engineId, measurable, unreachable);
        assertThat(where.at("/ranking/candidates/0/factors/cost/source").asText()).isEqualTo("onchain");
        assertThat(where.path("source").asText()).isEqualTo("chain");
        assertThat(reasons(where, dear)).singleElement().asString().contains("is above the maximum " + MAX_PRICE);
        assertThat(reasons(where, leaving)).contains("status is unbonding: only listed engines take new leases");
    }

    @Test
    void countsTheSlotALeaseTakesAgainstAnEnginesFreeCapacity() throws Exception {
        JsonNode where = whereTo("{\"constraints\":{\"maxPrice\":\"" + MAX_PRICE + "\"},\"weights\":{\"freeCapacity\":1}}",
                false);

        // capacity 5 free; 4 free; 4 minus the lease's slot
        assertThat(ids(where.at("/ranking/candidates"))).containsExactly(mesh.engineId, unreachable, measurable);
    }

    @Test
    void aMaximumLatencyKeepsOnlyTheEnginesTheAgentMeasuredItself() throws Exception {
        JsonNode where = whereTo("{\"constraints\":{\"maxLatencyMs\":5000},\"weights\":{\"latency\":1}}", true);

        assertThat(ids(where.at("/ranking/candidates"))).containsExactly(measurable);
        assertThat(where.at("/ranking/candidates/0/factors/latency/source").asText()).isEqualTo("measured");
        assertThat(where.path("measuredBy").asText()).isEqualTo("agent");
        assertThat(reasons(where, unreachable)).anySatisfy(r -> assertThat(r).startsWith("latency not measured yet"));
    }

    @Test
    void refusesAMalformedPolicyNamingTheField() throws Exception {
        HttpResponse<String> response = post("{\"weights\":{\"latency\":\"fast\"}}", false);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("weights.latency");
    }

    @Test
    @Order(Integer.MAX_VALUE) // after every test without an order (Order.DEFAULT)
    void forgetsWhatAReorganisationDroppedAnEngineRegisteredAndAnUnbonding() throws Exception {
        Web3j web3j = Web3j.build(new HttpService(mesh.anvil.rpcUrl()));
        try {
            long fork = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            long dropped = register(1, "http://127.0.0.1:1/", 4);
            mesh.registry(AgentMesh.OPERATOR).requestUnbond(BigInteger.valueOf(unreachable), AgentMesh.ether("0.5")).send();
            await(() -> reasons(whereTo("{}", false), unreachable).contains(
                    "status is unbonding: only listed engines take new leases"));
            assertThat(whereTo("{}", false).at("/ranking/considered").asInt()).isEqualTo(6);

            long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            mesh.anvil.call("anvil_reorg", head - fork, List.of());

            await(() -> whereTo("{}", false).at("/ranking/considered").asInt() == 5);
            JsonNode where = whereTo("{\"constraints\":{\"maxPrice\":\"" + MAX_PRICE + "\"},\"weights\":{\"cost\":1}}", false);
            assertThat(ids(where.at("/ranking/candidates"))).doesNotContain(dropped)
                    .containsExactly(mesh.engineId, measurable, unreachable);
        } finally {
            web3j.shutdown();
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!check.holds()) {
            assertThat(Instant.now()).as("waited a minute for the agent to follow").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private long register(int sample, String endpoint, int capacity) throws Exception {
        EngineRegistry operator = mesh.registry(AgentMesh.OPERATOR);
        var receipt = operator.register(SampleAdverts.advert(endpoint, sample, capacity), AgentMesh.ether("1")).send();
        return operator.getEngineRegisteredEvents(receipt).get(0).engineId.longValueExact();
    }

    private JsonNode whereTo(String policy, boolean probe) throws Exception {
        HttpResponse<String> response = post(policy, probe);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String policy, boolean probe) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + AgentMesh.port(agent)
                + "/admin/placement/where-to?probe=" + probe)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(policy)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<Long> ids(JsonNode nodes) {
        return nodes.findValues("id").stream().map(JsonNode::asLong).toList();
    }

    private static List<String> reasons(JsonNode where, long engine) {
        for (JsonNode excluded : where.at("/ranking/excluded")) {
            if (excluded.path("id").asLong() == engine) {
                return texts(excluded.path("reasons"));
            }
        }
        return List.of();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
