package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.operator.CliRun;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * What a pico's owner does and sees in the ITs of a pico choosing its host: enrols a pico (its lease opened from its
 * own account, funded by a fresh owner), sends it market events through the front door, and reads its page
 * ({@code GET /picomesh/picos/{did}}) on whichever agent hosts it.
 */
final class ChoosingPicos {
    /** An enrolled pico: its market address and DID. */
    record Enrolled(String address, String did) {}

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("address (0x[0-9a-f]{40}), DID "
            + "(did:pkh:eip155:31337:0x[0-9a-f]{40})");

    private final MoveMesh moves;
    private final Credentials owner = Credentials.create(Keys.createEcKeyPair());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ChoosingPicos(MoveMesh moves) throws Exception {
        this.moves = moves;
        moves.mesh.anvil.call("anvil_setBalance", owner.getAddress(), Numeric.toHexStringWithPrefix(
                AgentMesh.ether("10")));
    }

    /** Enrols the pico of {@code eci} through {@code agent} (its host) with a lease there at most {@code maxPrice}. */
    Enrolled enrol(String eci, MoveMesh.Side agent, String maxPrice) {
        CliRun enrolled = CliRun.run(Map.of("PICOMESH_OWNER_KEY", Numeric.toHexStringNoPrefixZeroPadded(
                owner.getEcKeyPair().getPrivateKey(), 64)), "pico", "enroll", eci, "--deployment",
                moves.mesh.state.resolve("deployment.json").toString(), "--agent", agent.url(), "--max-price",
                maxPrice);
        assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();
        Matcher made = ADDRESS.matcher(enrolled.out());
        assertThat(made.find()).as(enrolled.out()).isTrue();
        return new Enrolled(made.group(1), made.group(2));
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

    /** How many of the page's decisions are of {@code kind}. */
    static int count(JsonNode page, String kind) {
        return countOf(page.path("decisions"), kind);
    }

    /** How many of {@code decisions} (as {@link #decisions} gives them) are of {@code kind}. */
    static int countOf(JsonNode decisions, String kind) {
        int n = 0;
        for (JsonNode d : decisions) {
            n += d.path("kind").asText().equals(kind) ? 1 : 0;
        }
        return n;
    }

    /** The pico's decisions on {@code side}, newest first; none while it does not answer for the pico. */
    JsonNode decisions(MoveMesh.Side side, String did) {
        try {
            return page(side, did).path("decisions");
        } catch (Exception | AssertionError e) {
            return JSON.createArrayNode();
        }
    }

    JsonNode page(MoveMesh.Side side, String did) throws Exception {
        HttpResponse<String> answer = get(side.url() + "/picomesh/picos/" + did);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** An event of the market domain through the front door, as the pico's owner sends it; its directives. */
    JsonNode event(String agent, String eci, String type, Map<String, Object> attrs) throws Exception {
        return event(agent, eci, "market", type, attrs);
    }

    /** An event of any domain through the front door; its directives. */
    JsonNode event(String agent, String eci, String domain, String type, Map<String, Object> attrs)
            throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(agent + "/sky/event/" + eci
                + "/it/" + domain + "/" + type)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(attrs))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("directives");
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
