package org.picomesh.directory.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PolicyDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real pico engine whose picos run the market's own ruleset ({@code org.picomesh.market}, read from the agent's
 * sources), behind a small stand-in for the parts of its engine agent the directory and the ruleset reach: the front
 * door (forwards {@code /sky/...} to the engine as it is), the public read {@code /picomesh/picos/{did}} (the pico's
 * policy and decisions, queried from the pico), and {@code /admin/market/policy-check} (validates with the same
 * {@link PolicyDocument} as the agent and answers in its words). A whole agent needs its own database, chain keys and
 * an enrolment, which belong to the agent's module; what the directory relies on is these three answers' shapes.
 */
final class MarketPicoHost implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RULESET = "engine-agent/src/main/resources/picoengine/org.picomesh.market.krl";

    final PicoEngineProcess engine;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The ECI this stand-in reads each hosted pico by, by DID in lower case. */
    private final Map<String, String> hosted = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    MarketPicoHost() throws Exception {
        engine = PicoEngineProcess.startQuiet();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sky/", this::forward);
        server.createContext("/picomesh/picos/", this::report);
        server.createContext("/admin/market/policy-check", this::check);
        // the engine asks /admin while the directory's event waits in /sky: one thread would wait on itself
        server.setExecutor(threads);
        server.start();
        post("/api/ruleset/register", Map.of("src", Files.readString(ruleset())));
        // as the agent does when it starts: the root's copy is the one that takes the agent's URL
        post("/sky/event/" + rootEci() + "/setup/wrangler/install_rulesets_requested",
                Map.of("rids", "org.picomesh.market"));
    }

    /** The endpoint to advertise: the stand-in front door. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new pico with the market ruleset, given its key and DID as enrolment gives them; its ECI. */
    String enrolledPico(String name, String did, String address, String key) {
        JsonNode created = post("/sky/event/" + rootEci() + "/setup/wrangler/new_child_request",
                Map.of("name", name, "rids", "org.picomesh.market"));
        String eci = created.path("directives").get(0).path("options").path("pico").path("eci").asText();
        // as the agent gives them: the key on the pico's admin channel, the agent's URL on the root's (the ruleset's
        // app variables, the same for every pico of the engine that runs it), each the only channel the rule takes
        post("/sky/event/" + adminEci(eci) + "/setup/picomesh/market_key_given", Map.of("key", key, "address",
                address.toLowerCase(), "did", did.toLowerCase()));
        post("/sky/event/" + rootEci() + "/setup/picomesh/agent_given", Map.of("url", url(), "engine_id", "1"));
        hosted.put(did.toLowerCase(), eci);
        return eci;
    }

    /** The pico's policy as it keeps it (read from the engine itself, not through the directory). */
    JsonNode policy(String eci) {
        return post("/sky/cloud/" + eci + "/org.picomesh.market/policy", Map.of());
    }

    /** The pico's own event, as its owner's ruleset would raise it. */
    JsonNode givePolicy(String eci, String policy) {
        return post("/sky/event/" + eci + "/setup/market/policy_given", Map.of("policy", policy));
    }

    /** The pico's engine-made channel, as wrangler's shared channel function lists it. */
    private String adminEci(String eci) {
        for (JsonNode channel : post("/sky/cloud/" + eci + "/io.picolabs.wrangler/channel", Map.of())) {
            if (channel.path("name").asText("").equals("admin")) {
                return channel.path("id").asText("");
            }
        }
        throw new IllegalStateException("pico " + eci + " lists no admin channel");
    }

    private String rootEci() {
        return send(HttpRequest.newBuilder(URI.create(engine.url() + "/api/root-eci"))).path("eci").asText();
    }

    private void forward(HttpExchange exchange) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(engine.url() + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(10)).method(exchange.getRequestMethod(),
                        HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            request.header("Content-Type", type);
        }
        try {
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer(exchange, answer.statusCode(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(exchange, 503, new byte[0]);
        }
    }

    private void report(HttpExchange exchange) throws IOException {
        String did = exchange.getRequestURI().getPath().substring("/picomesh/picos/".length()).toLowerCase();
        String eci = hosted.get(did);
        if (eci == null) {
            answer(exchange, 404, "{\"detail\":\"no pico with this DID is hosted here\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("did", did);
        report.put("policy", policy(eci));
        report.put("decisions", post("/sky/cloud/" + eci + "/org.picomesh.market/decisions", Map.of()));
        answer(exchange, 200, JSON.writeValueAsBytes(report));
    }

    /** As the agent's {@code PicoRequestsController.check}. */
    private void check(HttpExchange exchange) throws IOException {
        String text = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("policy").asText("");
        Map<String, Object> verdict;
        try {
            PolicyDocument.parse(text);
            verdict = Map.of("valid", true, "message", "policy kept");
        } catch (InvalidPolicyException e) {
            verdict = Map.of("valid", false, "message", e.getMessage() + "; the previous policy is kept");
        }
        answer(exchange, 200, JSON.writeValueAsBytes(verdict));
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(engine.url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> answer = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the pico engine answered " + answer.statusCode() + ": " + answer.body());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path ruleset() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(RULESET))) {
                return dir.resolve(RULESET);
            }
        }
        throw new IllegalStateException(RULESET + " not found above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        threads.shutdownNow();
        engine.close();
    }
}
