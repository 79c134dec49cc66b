package org.picomesh.agent;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The directory as its operators run it: its fat jar ({@code directory-service/target/picomesh-directory.jar}, built
 * before this module in the reactor; another with {@code -Dpicomesh.directory.jar}) in a process of its own, on its
 * embedded PostgreSQL, following the mesh's chain. Tests only talk to it over HTTP, as the agent's CLI does: nothing of
 * the directory is on this module's class path.
 */
public final class DirectoryProcess implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private DirectoryProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the directory on the chain of {@code deployment} (a deployment file), its state under {@code dir}, and
     * returns at once: {@link #awaitStarted} waits until it answers (the rest of a mesh can start meanwhile).
     */
    public static DirectoryProcess launch(Path deployment, Path dir) throws IOException {
        return launch(deployment, dir, freePort());
    }

    /**
     * As {@link #launch(Path, Path)}, on {@code port}: agents can be told its URL before it is started (from
     * {@link #freePort}).
     */
    public static DirectoryProcess launch(Path deployment, Path dir, int port) throws IOException {
        Path jar = Path.of(System.getProperty("picomesh.directory.jar",
                "../directory-service/target/picomesh-directory.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no directory jar at " + jar + ": build it first (mvn -pl "
                    + "directory-service -am package -DskipTests) or name it with -Dpicomesh.directory.jar");
        }
        Path log = Files.createDirectories(dir).resolve("directory.log");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-jar", jar.toString(), "--server.port=" + port,
                "--picomesh.chain.deployment-file=" + deployment, "--picomesh.database.data-dir=" + dir.resolve("pg"),
                "--picomesh.chain.poll-interval=100ms", "--picomesh.probes.enabled=false"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new DirectoryProcess(process, log, port);
    }

    /** A port nothing listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    public void awaitStarted() throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (status("/actuator/health") != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the directory did not start within " + START.toSeconds() + " s: see "
                        + log);
            }
            Thread.sleep(250);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The directory's answer to a GET of {@code path}: its status and JSON body. */
    public record Answer(int status, JsonNode body) {}

    public Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), answer.body().isEmpty() ? JSON.nullNode()
                : JSON.readTree(answer.body()));
    }

    /** The directory's answer to a POST of JSON {@code body} to {@code path}: its status and JSON body. */
    public Answer post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), answer.body().isEmpty() ? JSON.nullNode()
                : JSON.readTree(answer.body()));
    }

    /** Whether it answers at all (its health), as an agent would find out. */
    public boolean answers() {
        return status("/actuator/health") == 200;
    }

    private int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
