package org.picomesh.agent.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.picomesh.agent.AgentCli;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.contracts.devnet.DevAccounts;
import org.web3j.utils.Numeric;

/**
 * An agent daemon in a process of its own ({@code engine-agent run} on this JVM's class path), so that a test can
 * SIGKILL it at any step: no shutdown hook runs, nothing is flushed. Its database is a PostgreSQL the test runs (a
 * database that outlives the agent, as in production); its encryption key a real key file, its agent key a dev key
 * in the environment. Started again, it finds its journal, store and key where it left them.
 */
final class AgentProcess implements AutoCloseable {
    /** Generous: a test machine shared with other builds may take a minute to start a Spring Boot JVM. */
    private static final Duration START = Duration.ofSeconds(240);
    /** Picos an engine may hold: a crash matrix moves a pico per case to the same engine. */
    static final int CAPACITY = 40;
    private static final String PASSWORD = "crash-test-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> command = new ArrayList<>();
    private final Path dir;
    private final int port;
    private final int agentAccount;
    private final byte[] publicKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Process process;

    AgentProcess(long engineId, String engineUrl, int agentAccount, Path deployment, String jdbcUrl, Path dir)
            throws IOException {
        this.dir = Files.createDirectories(dir);
        this.agentAccount = agentAccount;
        Path keyFile = dir.resolve("agent.x25519.json");
        this.publicKey = HexFormat.of().parseHex(EncryptionKeyFile.create(keyFile, PASSWORD, true).substring(2));
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", // starts in about half the time: restarts are many
                "-cp", System.getProperty("java.class.path"), AgentCli.class.getName(), "run",
                "--server.port=" + port, "--picomesh.agent.engine-id=" + engineId,
                "--picomesh.agent.engine-url=" + engineUrl, "--picomesh.agent.deployment-file=" + deployment,
                "--picomesh.agent.poll=100ms", "--picomesh.agent.max-picos=" + CAPACITY,
                "--picomesh.agent.advert-interval=1h", "--picomesh.agent.encryption-key=" + keyFile,
                "--picomesh.agent.snapshot.dir=" + dir.resolve("snapshots"), "--picomesh.agent.moved-copy-grace=3s",
                "--picomesh.agent.move-finality=0",
                "--picomesh.agent.move-poll=100ms", "--picomesh.agent.move-attempts=40",
                "--picomesh.agent.test.halt-file=" + haltFile(), "--spring.datasource.url=" + jdbcUrl));
    }

    /** Starts the agent, its test hook cleared: it halts nowhere until {@link #haltAt} says where. */
    void start() throws IOException, InterruptedException {
        release();
        Files.deleteIfExists(reachedFile());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()));
        builder.environment().put("PICOMESH_AGENT_KEY", Numeric.toHexStringNoPrefixZeroPadded(
                DevAccounts.account(agentAccount).getEcKeyPair().getPrivateKey(), 64));
        builder.environment().put("PICOMESH_KEYSTORE_PASSWORD", PASSWORD);
        process = builder.start();
        long deadline = System.nanoTime() + START.toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent did not start within " + START + ": see "
                        + dir.resolve("agent.log"));
            }
            Thread.sleep(200);
        }
    }

    /** The agent's moves will halt at {@code point} ({@code SOURCE:LEAVING}...: see MoveTestHalt) until released. */
    void haltAt(String point) throws IOException {
        Files.deleteIfExists(reachedFile());
        Files.writeString(haltFile(), point);
    }

    /** Waits until a move of this agent halted at {@code point}. */
    void awaitHalted(String point) throws InterruptedException {
        MoveMesh.await("agent to halt at " + point, () -> {
            try {
                return Files.isRegularFile(reachedFile()) && Files.readString(reachedFile()).startsWith(point + " ");
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Lets a halted move go on. */
    void release() throws IOException {
        Files.writeString(haltFile(), "");
    }

    private Path haltFile() {
        return dir.resolve("halt");
    }

    private Path reachedFile() {
        return dir.resolve("halt.reached");
    }

    /** SIGKILL: the process ends where it is. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    /** The newest move of the pico in this agent's journal, or null (also while the agent is down). */
    JsonNode latest(String pico) {
        try {
            JsonNode moves = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url() + "/admin/picos/" + pico))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body()).path("moves");
            return moves.isEmpty() ? null : moves.get(0);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String state(String pico) {
        JsonNode move = latest(pico);
        return move == null ? "NONE" : move.path("state").asText();
    }

    private boolean answers() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + "/admin/moves")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
