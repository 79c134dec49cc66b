package org.picomesh.directory.support;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.picomesh.contracts.Deployment;
import org.picomesh.directory.DirectoryApplication;

/**
 * The directory in a process of its own (this JVM's class path) on its embedded PostgreSQL in {@code dataDir}, as
 * {@code ./mesh directory} runs it: a test can SIGKILL it, and no shutdown hook stops its database.
 */
public final class DirectoryProcess implements AutoCloseable {
    /** Generous: on a loaded two-core machine a Spring Boot start alone has taken a minute. */
    private static final Duration START = Duration.ofSeconds(300);

    private final List<String> command;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Process process;

    public DirectoryProcess(Deployment deployment, Path dataDir, Path log) throws IOException {
        this.log = log;
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), DirectoryApplication.class.getName(),
                "--server.port=" + port, "--picomesh.database.data-dir=" + dataDir,
                "--picomesh.chain.rpc-url=" + deployment.rpcUrl(), "--picomesh.chain.registry=" + deployment.registry(),
                "--picomesh.chain.escrow=" + deployment.escrow(),
                "--picomesh.chain.start-block=" + deployment.deploymentBlock(), "--picomesh.chain.poll-interval=50ms",
                "--picomesh.probes.enabled=false", "--picomesh.api.list-cache-ttl=0s");
    }

    /** Starts it once and waits until it answers; fails, pointing at its log, if it does not. */
    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START.toNanos();
        while (status("/api/engines") != 200) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the directory exited with " + process.exitValue() + ": " + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the directory did not answer within " + START + ": " + tail());
            }
            Thread.sleep(200);
        }
    }

    /** The end of its log, for a failure's message. */
    private String tail() throws IOException {
        String text = Files.readString(log);
        return log + " ends with:\n" + text.substring(Math.max(0, text.length() - 4_000));
    }

    /** SIGKILL: the JVM ends where it is, its PostgreSQL keeps running. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The PostgreSQL that runs on {@code dataDir} now, as its postmaster.pid names it: PID and port. */
    public static Optional<long[]> postgres(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid = Long.parseLong(lines.get(0).strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> new long[] {pid, Long.parseLong(lines.get(3).strip())});
    }

    /** A clean stop (SIGTERM: Spring closes, and with it the embedded PostgreSQL). */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
