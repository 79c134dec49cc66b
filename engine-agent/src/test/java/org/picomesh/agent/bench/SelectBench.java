package org.picomesh.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.migration.BetterHostBench;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./mesh bench select}: a pico's choice from chain data alone over 10,000 engines' adverts, against the
 * directory's {@code POST /api/select} with the same policies in the same run. Both are asked over HTTP on loopback
 * (the agent's {@code /admin/placement/where-to} with its probes off: chain data alone), one request at a time, after
 * both have indexed every engine; each answer's first choice is compared.
 */
public final class SelectBench {
    private static final int ENGINES = Integer.getInteger("bench.engines", 10_000);
    private static final int POLICIES = 300;
    private static final int WARM_UP = 30;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SelectBench() {}

    public static void main(String[] args) throws Exception {
        Path directoryJar = Path.of(System.getProperty("directory.jar", "../directory-service/target/picomesh-directory.jar"));
        if (!Files.isRegularFile(directoryJar)) {
            throw new IllegalStateException("no directory jar at " + directoryJar + ": build first (./mesh build)");
        }
        List<String> figures;
        try (AgentMesh mesh = new AgentMesh(true)) {
            progress("registering " + ENGINES + " engines on anvil...");
            RegistrationLoad.register(mesh, ENGINES);
            ConfigurableApplicationContext agent = mesh.startAgent(mesh.newDataDir());
            String agentUrl = "http://127.0.0.1:" + AgentMesh.port(agent) + "/admin/placement/where-to?probe=false";
            int directoryPort = freePort();
            Process directory = startDirectory(directoryJar, mesh, directoryPort);
            try {
                String directoryUrl = "http://127.0.0.1:" + directoryPort + "/api/select";
                awaitIndexed("the agent", agentUrl, "/ranking/considered");
                awaitIndexed("the directory", directoryUrl, "/considered");
                figures = measure(agentUrl, directoryUrl);
            } finally {
                directory.destroy();
                directory.waitFor();
            }
        }
        List<Double> moved = BetterHostBench.measure();
        progress("better host: its advert mined -> the pico live on it, p50 %.2f s, p95 %.2f s over %d moves (5 s of it"
                .formatted(percentile(moved, 50), percentile(moved, 95), moved.size()) + " is the policy's sustained lead)");
        List<String> all = new ArrayList<>(figures);
        all.add(figure("better_host_to_moved_p50_s", percentile(moved, 50), "s"));
        all.add(figure("better_host_to_moved_p95_s", percentile(moved, 95), "s"));
        all.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> measure(String agentUrl, String directoryUrl) throws Exception {
        List<String> policies = SelectPolicies.make(POLICIES + WARM_UP, 13, ENGINES);
        List<Double> agent = new ArrayList<>();
        List<Double> directory = new ArrayList<>();
        int agreed = 0;
        for (int i = 0; i < policies.size(); i++) {
            long start = System.nanoTime();
            JsonNode chosen = post(agentUrl, policies.get(i)).at("/ranking/candidates/0/id");
            double agentMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            JsonNode listed = post(directoryUrl, policies.get(i)).at("/candidates/0/id");
            double directoryMs = (System.nanoTime() - start) / 1e6;
            if (i >= WARM_UP) {
                agent.add(agentMs);
                directory.add(directoryMs);
                agreed += chosen.asLong(-1) == listed.asLong(-1) ? 1 : 0;
            }
        }
        double agentP95 = percentile(agent, 95);
        double directoryP95 = percentile(directory, 95);
        progress("from the chain: p50 %.1f ms, p95 %.1f ms; the directory: p50 %.1f ms, p95 %.1f ms; same first choice %d of %d"
                .formatted(percentile(agent, 50), agentP95, percentile(directory, 50), directoryP95, agreed, POLICIES));
        if (agreed != POLICIES) {
            throw new IllegalStateException("the agent and the directory chose differently for "
                    + (POLICIES - agreed) + " policies");
        }
        return List.of(figure("chain_select_p95_ms", agentP95, "ms"),
                figure("chain_vs_directory_select", agentP95 / directoryP95, "ratio"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process startDirectory(Path jar, AgentMesh mesh, int port) throws IOException {
        Path log = Files.createTempFile(mesh.state, "directory-", ".log");
        progress("starting the directory (log: " + log + ")...");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--server.port=" + port, "--picomesh.chain.deployment-file=" + mesh.state.resolve("deployment.json"),
                "--picomesh.database.data-dir=" + Files.createTempDirectory(mesh.state, "directory-db-"),
                "--picomesh.probes.enabled=false")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitIndexed(String who, String url, String considered) throws Exception {
        progress("waiting for " + who + " to index every engine...");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        while (true) {
            try {
                if (post(url, "{}").at(considered).asInt() >= ENGINES) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(who + " did not index " + ENGINES + " engines within 15 minutes");
            }
            Thread.sleep(1_000);
        }
    }

    private static JsonNode post(String url, String policy) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(policy)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String figure(String name, double value, String unit) {
        return "figure " + name + " " + new BigDecimal(value).setScale(value < 10 ? 2 : 1, RoundingMode.HALF_UP)
                .toPlainString() + " " + unit;
    }

    static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
