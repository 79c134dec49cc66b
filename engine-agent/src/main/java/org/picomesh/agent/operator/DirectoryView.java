package org.picomesh.agent.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a picomesh directory says about an engine ({@code GET /api/engines/{id}}), or why it says nothing. The
 * directory is a convenience: when it is away, the chain's side is still shown.
 *
 * @param engine the directory's JSON of the engine, or null when {@code problem} says why there is none
 */
record DirectoryView(JsonNode engine, String problem) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    static DirectoryView fetch(URI directory, long engineId) {
        URI uri = URI.create(directory.toString().replaceAll("/+$", "") + "/api/engines/" + engineId);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return new DirectoryView(null, "does not know engine " + engineId + " (not indexed yet?)");
            }
            if (response.statusCode() != 200) {
                return new DirectoryView(null, "answered HTTP " + response.statusCode());
            }
            return new DirectoryView(JSON.readTree(response.body()), null);
        } catch (IOException e) {
            return new DirectoryView(null, "unreachable at " + uri + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DirectoryView(null, "interrupted");
        }
    }

    boolean present() {
        return engine != null;
    }

    /** A field of the engine's summary, as text, or null when absent. */
    String summary(String field) {
        return text(engine.path("summary").path(field));
    }

    /** A top-level field, or a nested one: {@code field("keys", "agent")}. */
    String field(String... path) {
        JsonNode node = engine;
        for (String name : path) {
            node = node.path(name);
        }
        return text(node);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
