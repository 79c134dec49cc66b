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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.DirectoryProcess;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A pico's agent chooses through the directory while it answers and from the chain once it is stopped, with the
 * same answer: anvil, the directory's own process on its PostgreSQL, a real pico engine and its agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostSelectionIT {
    /** No measured factor: the directory's probes are off, so only the chain's figures can be compared. */
    private static final String POLICY = "{\"constraints\":{\"maxPrice\":\"5000000000000000\"},"
            + "\"weights\":{\"cost\":3,\"stake\":1,\"freeCapacity\":1}}";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private AgentMesh mesh;
    private DirectoryProcess directory;
    private ConfigurableApplicationContext agent;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh();
        directory = DirectoryProcess.launch(mesh.state.resolve("deployment.json"), mesh.newDataDir());
        register(3, mesh.engine.url(), 4);
        register(2, "http://127.0.0.1:1/", 2);
        register(7, "http://127.0.0.1:1/", 4); // above the maximum price
        long leaving = register(4, "http://127.0.0.1:1/", 4);
        mesh.registry(AgentMesh.OPERATOR).requestUnbond(BigInteger.valueOf(leaving), AgentMesh.ether("0.5")).send();
        directory.awaitStarted();
        agent = mesh.startAgent(mesh.newDataDir(), "--picomesh.agent.directory.url=" + directory.url(),
                "--picomesh.agent.directory.timeout=2s");
    }

    @AfterAll
    void stop() throws Exception {
        if (directory != null) {
            directory.close();
        }
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void withTheDirectoryStoppedTheAgentChoosesFromTheChainWhatTheDirectoryChose() throws Exception {
        JsonNode viaDirectory = awaitChoice("directory");
        assertThat(viaDirectory.path("directoryNotUsed").isNull()).isTrue();
        assertThat(viaDirectory.at("/where/measuredBy").asText()).isEqualTo("directory");
        assertThat(viaDirectory.path("setAside")).as("the chain agrees with the directory's choice").isEmpty();

        directory.close();
        JsonNode fromChain = choose();

        assertThat(fromChain.at("/where/source").asText()).isEqualTo("chain");
        assertThat(fromChain.path("directoryNotUsed").asText()).contains("gave no answer");
        assertThat(fromChain.at("/chosen/id").asLong()).isEqualTo(viaDirectory.at("/chosen/id").asLong());
        assertThat(ranked(fromChain)).isEqualTo(ranked(viaDirectory));
        assertThat(fromChain.at("/where/ranking/excluded")).isEqualTo(viaDirectory.at("/where/ranking/excluded"));
        assertThat(fromChain.at("/where/ranking/excluded").toString()).contains("is above the maximum",
                "status is unbonding");
    }

    /**
     * Each candidate's id, score and weighted factors, in rank order: the agent's own probes add measurements the
     * directory (its probes off here) has not, which weigh nothing in this policy but are shown all the same.
     */
    private static java.util.List<String> ranked(JsonNode choice) {
        java.util.List<String> rows = new java.util.ArrayList<>();
        for (JsonNode c : choice.at("/where/ranking/candidates")) {
            rows.add(c.path("id").asLong() + " " + c.path("score").asDouble() + " " + c.at("/factors/cost")
                    + c.at("/factors/stake") + c.at("/factors/freeCapacity"));
        }
        return rows;
    }

    /** The agent's choice once the directory and the agent have both followed all five engines. */
    private JsonNode awaitChoice(String source) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        JsonNode choice = choose();
        while (!(choice.at("/where/source").asText().equals(source)
                && choice.at("/where/ranking/considered").asInt() == 5 && !choice.path("chosen").isNull()
                && choice.path("setAside").isEmpty())) {
            assertThat(Instant.now()).as("the directory and the agent followed the engines: " + choice)
                    .isBefore(deadline);
            Thread.sleep(300);
            choice = choose();
        }
        return choice;
    }

    private JsonNode choose() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + AgentMesh.port(agent) + "/admin/placement/choose?probe=true")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(POLICY)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private long register(int sample, String endpoint, int capacity) throws Exception {
        EngineRegistry operator = mesh.registry(AgentMesh.OPERATOR);
        var receipt = operator.register(SampleAdverts.advert(endpoint, sample, capacity), AgentMesh.ether("1")).send();
        return operator.getEngineRegisteredEvents(receipt).get(0).engineId.longValueExact();
    }
}
