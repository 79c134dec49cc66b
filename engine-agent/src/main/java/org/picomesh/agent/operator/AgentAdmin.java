package org.picomesh.agent.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.picomesh.agent.chain.AgentException;

/**
 * The agent daemon's admin API ({@code /admin/...}, answered on loopback only), for the {@code pico} commands: the
 * daemon owns its database, so the command line asks it rather than opening the database behind its back.
 */
final class AgentAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI agent;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    AgentAdmin(URI agent) {
        this.agent = agent;
    }

    /** The daemon's address, from {@code --agent}, else AGENT_PORT on loopback, else port 8081. */
    static URI of(String given, Map<String, String> env) {
        String port = env.getOrDefault("AGENT_PORT", "8081");
        return URI.create(given != null ? given : "http://127.0.0.1:" + port);
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(agent.resolve(path)).timeout(TIMEOUT).GET().build());
    }

    JsonNode post(String path, Map<String, String> body) {
        try {
            return send(HttpRequest.newBuilder(agent.resolve(path)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new AgentException("cannot write the request: " + e.getMessage());
        }
    }

    /** Posts a JSON document as it is (the agent validates it). */
    JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(agent.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Puts a JSON document as it is (the agent validates it). */
    JsonNode put(String path, String json) {
        return send(HttpRequest.newBuilder(agent.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AgentException("the agent daemon at " + agent + " does not answer (" + e.getClass()
                    .getSimpleName() + "): is it running, on this machine?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AgentException("the agent answered " + answer.statusCode() + " with no JSON");
        }
        if (answer.statusCode() / 100 != 2) {
            throw new Refused(answer.statusCode(), body.path("detail").asText(answer.body()));
        }
        return body;
    }

    /** The daemon answered with an error: its status and its sentence for the operator. */
    static final class Refused extends AgentException {
        private final int status;

        Refused(int status, String detail) {
            super("the agent refused (" + status + "): " + detail);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
