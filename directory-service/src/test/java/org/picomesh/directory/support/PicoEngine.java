package org.picomesh.directory.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real pico engine (npm pico-engine 0.48.1 from the project's node_modules) on a free loopback port. */
public final class PicoEngine implements AutoCloseable {
    private static final String BIN = "node_modules/pico-engine/bin/pico-engine";

    private final Process process;
    private final int port;

    private PicoEngine(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static PicoEngine start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path home = Files.createTempDirectory("pico-engine-");
        ProcessBuilder builder = new ProcessBuilder("node", binary().toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("engine.log").toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("PICO_ENGINE_HOME", home.toString());
        builder.environment().put("PICO_ENGINE_HOST", "http://127.0.0.1:" + port);
        builder.environment().put("NODE_OPTIONS", "--unhandled-rejections=warn");
        PicoEngine engine = new PicoEngine(builder.start(), port);
        Directory.await("the pico engine to answer", java.time.Duration.ofSeconds(30), engine::answers);
        return engine;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private boolean answers() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/api/engine-version")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
