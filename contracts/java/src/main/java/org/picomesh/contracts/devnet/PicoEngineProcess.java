package org.picomesh.contracts.devnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real pico engine (npm pico-engine 0.48.1 from the project's node_modules) on a free loopback port, for tests and
 * benches: it listens on loopback only, as it does behind an engine agent.
 */
public final class PicoEngineProcess implements AutoCloseable {
    private static final String BIN = "node_modules/pico-engine/bin/pico-engine";
    /** About 1 s on an idle machine; a test machine shared with other builds (load 25 on 2 cores) took over 30 s. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final String QUIET_LAUNCHER = "pico-engine-quiet.js";

    private final Path home;
    private final int port;
    private final boolean quiet;
    private Process process;

    private PicoEngineProcess(Path home, int port, boolean quiet) {
        this.home = home;
        this.port = port;
        this.quiet = quiet;
    }

    /** Starts an engine with a fresh home folder and waits until it answers. */
    public static PicoEngineProcess start() throws IOException, InterruptedException {
        return start(false);
    }

    /**
     * Starts an engine, as {@link #start}, without its episode log: pico-engine 0.48.1 logs every event's attributes
     * and every query's result to its home folder, so a pico's export (channel private keys included) and a snapshot
     * sent to import would land there in plain text. Use it wherever picos move. It also listens on loopback only.
     */
    public static PicoEngineProcess startQuiet() throws IOException, InterruptedException {
        return start(true);
    }

    private static PicoEngineProcess start(boolean quiet) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PicoEngineProcess engine = new PicoEngineProcess(Files.createTempDirectory("pico-engine-"), port, quiet);
        engine.restart();
        return engine;
    }

    /** Starts the engine again on the same port and home (after {@link #stop}), and waits until it answers. */
    public void restart() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", launcher().toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("engine.log").toFile()));
        builder.environment().put("PICO_ENGINE_DIR", binary().getParent().getParent().toString());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("PICO_ENGINE_HOME", home.toString());
        builder.environment().put("PICO_ENGINE_HOST", url());
        builder.environment().put("NODE_OPTIONS", "--unhandled-rejections=warn");
        process = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the pico engine did not answer within " + START_TIMEOUT
                        + " (see " + home.resolve("engine.log") + ")");
            }
            Thread.sleep(100);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Whether {@code GET /api/engine-version} answers 200 now. */
    public boolean answers() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/api/engine-version"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the engine (its home folder stays, for {@link #restart}). */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** SIGKILL: the engine ends where it is, nothing flushed (for crash tests); {@link #restart} starts it again. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The engine's own CLI, or the quiet launcher (copied next to the engine's home) that starts it without logs. */
    private Path launcher() throws IOException {
        if (!quiet) {
            return binary();
        }
        Path script = home.getParent().resolve(home.getFileName() + "-" + QUIET_LAUNCHER);
        try (InputStream in = PicoEngineProcess.class.getResourceAsStream(QUIET_LAUNCHER)) {
            if (in == null) {
                throw new IOException(QUIET_LAUNCHER + " is missing from the contracts jar");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /** The engine's home folder (its database, its rulesets, engine.log with its console output). */
    public Path home() {
        return home;
    }

    private static Path binary() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(BIN))) {
                return dir.resolve(BIN);
            }
        }
        throw new UncheckedIOException(new IOException("pico-engine not found under node_modules: run npm ci"));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
