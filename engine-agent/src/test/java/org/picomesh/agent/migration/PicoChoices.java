package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;

/**
 * What the placement ITs do to and read from a {@link MoveMesh}, as a pico's owner and its engines' operators would:
 * market events through an agent's front door, a pico's public page and decisions, an engine's price on the chain.
 */
final class PicoChoices {
    static final ObjectMapper JSON = new ObjectMapper();
    private final MoveMesh moves;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    PicoChoices(MoveMesh moves) {
        this.moves = moves;
    }

    /** An event of the market domain through the front door, as the pico's owner sends it; its directives. */
    JsonNode event(String agent, String eci, String type, Map<String, Object> attrs) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(agent + "/sky/event/" + eci
                + "/it/market/" + type)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                        .ofString(JSON.writeValueAsString(attrs))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("directives");
    }

    /** The pico's public page on the side's front door: its policy and decisions. */
    JsonNode page(MoveMesh.Side side, String did) throws Exception {
        HttpResponse<String> answer = get(side.url() + "/picomesh/picos/" + did);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** The pico's decisions, newest first; none while the side does not host it (or it is moving). */
    JsonNode decisions(MoveMesh.Side side, String did) {
        try {
            return page(side, did).path("decisions");
        } catch (Exception | AssertionError e) {
            return JSON.createArrayNode();
        }
    }

    /** The newest decision of {@code kind} on the pico's page, or a missing node. */
    static JsonNode newest(JsonNode page, String kind) {
        for (JsonNode d : page.path("decisions")) {
            if (d.path("kind").asText().equals(kind)) {
                return d;
            }
        }
        return JSON.missingNode();
    }

    static int count(JsonNode page, String kind) {
        int n = 0;
        for (JsonNode d : page.path("decisions")) {
            n += d.path("kind").asText().equals(kind) ? 1 : 0;
        }
        return n;
    }

    /** The side's operator publishes its advert again at {@code price} wei an hour. */
    void price(MoveMesh.Side side, BigInteger price) throws Exception {
        var sample = SampleAdverts.advert(side.url(), 1, AgentMesh.CAPACITY);
        moves.mesh.registry(side.operatorAccount).updateAdvert(BigInteger.valueOf(side.engineId),
                new EngineRegistry.Advert(side.url(), "did:web:engine-" + side.engineId + ".example", price,
                        sample.latencyMs, sample.capacity, sample.region, sample.metadataCid,
                        EncryptionKeyFile.raw(side.key.pair().getPublic()))).send();
    }

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of JSON to a side's loopback admin API. */
    HttpResponse<String> post(MoveMesh.Side side, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(side.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
