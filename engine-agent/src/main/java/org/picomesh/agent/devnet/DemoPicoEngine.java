package org.picomesh.agent.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The demo's HTTP calls to pico engines: to its own engine on loopback as its operator (register the demo counter,
 * make the pico), and to a pico through an agent's front door as anyone would (events, queries, the public page).
 */
final class DemoPicoEngine {
    static final String COUNTER = "org.picomesh.demo.counter";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A new pico, child of the root pico of the engine at {@code engineUrl} (loopback), with the demo counter. */
    String newCounterPico(String engineUrl, String name) {
        try (InputStream krl = DemoPicoEngine.class.getResourceAsStream("/picoengine/" + COUNTER + ".krl")) {
            post(engineUrl + "/api/ruleset/register", Map.of("src", new String(krl.readAllBytes(),
                    StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String root = get(engineUrl + "/api/root-eci").path("eci").asText();
        JsonNode made = post(engineUrl + "/sky/event/" + root + "/demo/wrangler/new_child_request",
                Map.of("name", name, "rids", COUNTER));
        String eci = made.path("directives").path(0).path("options").path("pico").path("eci").asText();
        if (eci.isEmpty()) {
            throw new IllegalStateException("the engine did not make the demo's pico: " + made);
        }
        return eci;
    }

    /** Sends the pico an event through {@code endpoint} (an agent's front door); the engine's answer. */
    JsonNode event(String endpoint, String eci, String domain, String type, Map<String, ?> attrs) {
        return post(endpoint + "/sky/event/" + eci + "/demo/" + domain + "/" + type, attrs);
    }

    /** A function the pico's ruleset shares, through {@code endpoint}. */
    JsonNode query(String endpoint, String eci, String rid, String name) {
        return post(endpoint + "/sky/cloud/" + eci + "/" + rid + "/" + name, Map.of());
    }

    /** The pico's public page on the agent at {@code endpoint}: its policy and its decisions. */
    JsonNode page(String endpoint, String did) {
        return get(endpoint + "/picomesh/picos/" + did);
    }

    private JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private JsonNode post(String url, Map<String, ?> body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                        + answer.statusCode() + ": " + answer.body().substring(0, Math.min(300, answer.body().length())));
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
