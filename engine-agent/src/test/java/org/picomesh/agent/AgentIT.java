package org.picomesh.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.AgentMesh.CHALLENGER;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The agent daemon in front of a real pico engine, on a real anvil and PostgreSQL: it forwards picos' traffic and
 * answers challenges only while its engine answers, catching up on those opened while it was down; while it is down,
 * callers get a 502 that says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentIT {
    private static final Duration ANSWERED = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newHttpClient();
    private AgentMesh mesh;
    private ConfigurableApplicationContext agent;
    private java.nio.file.Path dataDir;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh();
        dataDir = mesh.newDataDir();
        agent = mesh.startAgent(dataDir);
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void forwardsPicoTrafficAndTheEngineVersionButNotTheEnginesAdminApi() throws Exception {
        HttpResponse<String> version = get(agent, "/api/engine-version");
        HttpResponse<String> direct = http.send(HttpRequest.newBuilder(URI.create(mesh.engine.url()
                + "/api/engine-version")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).isEqualTo(direct.body());
        // an unknown channel: the engine's own answer comes back through the front door
        HttpResponse<String> unknown = get(agent, "/sky/cloud/no-such-eci/io.picolabs.wrangler/name");
        assertThat(unknown.statusCode()).isEqualTo(http.send(HttpRequest.newBuilder(URI.create(mesh.engine.url()
                + "/sky/cloud/no-such-eci/io.picolabs.wrangler/name")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        assertThat(get(agent, "/api/db-dump").statusCode()).as("the engine's database stays on loopback").isEqualTo(404);
        HttpResponse<String> health = get(agent, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        var components = new com.fasterxml.jackson.databind.ObjectMapper().readTree(health.body()).path("components");
        assertThat(components.at("/picoEngine/status").asText()).isEqualTo("UP");
        assertThat(components.at("/chain/status").asText()).isEqualTo("UP");
        assertThat(components.at("/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void answersAChallengeWellWithinItsWindowAndTheBondGoesToThePayoutAddress() throws Exception {
        BigInteger creditBefore = mesh.registry(CHALLENGER).creditOf(DevAccounts.account(AgentMesh.OPERATOR).getAddress())
                .send();
        BigInteger challenge = openChallenge();
        await("the challenge to be answered", () -> answered(challenge));
        assertThat(mesh.registry(CHALLENGER).creditOf(DevAccounts.account(AgentMesh.OPERATOR).getAddress()).send()
                .subtract(creditBefore)).isEqualTo(AgentMesh.ether("0.1"));
    }

    @Test
    void answersAChallengeOpenedWhileItWasDownWhenItStartsAgain() throws Exception {
        agent.close(); // its database stays, with where it stopped following the chain
        BigInteger challenge = openChallenge();
        Thread.sleep(1_000);
        assertThat(answered(challenge)).as("no agent runs").isFalse();
        agent = mesh.startAgent(dataDir);
        await("the restarted agent to answer", () -> answered(challenge));
    }

    @Test
    void doesNotClaimAvailabilityWhileItsEngineIsDownAndIsSlashed() throws Exception {
        mesh.engine.stop();
        try {
            BigInteger stakeBefore = mesh.registry(CHALLENGER).engine(BigInteger.valueOf(mesh.engineId)).send().stake;
            BigInteger challenge = openChallenge();
            Thread.sleep(3_000); // the agent polls every 100 ms: it saw the challenge and withheld its answer
            assertThat(answered(challenge)).isFalse();
            HttpResponse<String> health = get(agent, "/actuator/health");
            assertThat(health.statusCode()).as("the agent says its engine is down").isEqualTo(503);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(health.body())
                    .at("/components/picoEngine/status").asText()).isEqualTo("DOWN");
            for (String path : new String[] {"/api/engine-version", "/sky/cloud/some-eci/io.picolabs.wrangler/name",
                "/sky/event/some-eci/e1/test/tick"}) {
                HttpResponse<String> down = get(agent, path);
                assertThat(down.statusCode()).as("the front door, for %s", path).isEqualTo(502);
                assertThat(down.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(down.body()).contains("the pico engine behind this front door does not answer");
            }
            mesh.anvil.increaseTime(Duration.ofHours(1).plusSeconds(5));
            mesh.registry(CHALLENGER).executeChallenge(challenge).send();
            assertThat(mesh.registry(CHALLENGER).engine(BigInteger.valueOf(mesh.engineId)).send().stake)
                    .isLessThan(stakeBefore);
        } finally {
            mesh.engine.restart();
        }
    }

    private BigInteger openChallenge() throws Exception {
        EngineRegistry challenger = mesh.registry(CHALLENGER);
        var receipt = challenger.openChallenge(BigInteger.valueOf(mesh.engineId), AgentMesh.ether("0.1")).send();
        return challenger.getChallengeOpenedEvents(receipt).get(0).challengeId;
    }

    private boolean answered(BigInteger challenge) {
        try {
            return mesh.registry(CHALLENGER).challenge(challenge).send().deadline.signum() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private HttpResponse<String> get(ConfigurableApplicationContext agent, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + AgentMesh.port(agent) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(ANSWERED, what, condition);
    }
}
