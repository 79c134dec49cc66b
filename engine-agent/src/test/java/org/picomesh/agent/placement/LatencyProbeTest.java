package org.picomesh.agent.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.endpoint.EndpointGuard;

/** The agent's probe against real sockets on loopback, and the endpoints it refuses to probe at all. */
class LatencyProbeTest {
    private final LatencyProbe probe = new LatencyProbe(Duration.ofSeconds(2), new EndpointGuard(EndpointGuard.DENIED, true));

    @Test
    void measuresAnEngineThatAnswersHttp() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<String> asked = answerOnce(server, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

            Double ms = probe.measure("http://127.0.0.1:" + server.getLocalPort() + "/api/engine-version");

            assertThat(ms).isNotNull().isPositive();
            assertThat(asked.get()).startsWith("GET /api/engine-version HTTP/1.1\r\n")
                    .contains("Host: 127.0.0.1:" + server.getLocalPort());
        }
    }

    @Test
    void anAnswerThatIsNotHttpOrNoAnswerIsNoMeasurement() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            answerOnce(server, "SSH-2.0-OpenSSH\r\n");
            assertThat(probe.measure("http://127.0.0.1:" + server.getLocalPort() + "/")).isNull();
        }
        int closed;
        try (ServerSocket server = new ServerSocket(0)) {
            closed = server.getLocalPort();
        }
        assertThat(probe.measure("http://127.0.0.1:" + closed + "/")).isNull();
    }

    @Test
    void neverConnectsToALoopbackEngineOffTheDevChain() throws Exception {
        LatencyProbe guarded = new LatencyProbe(Duration.ofSeconds(2), new EndpointGuard(EndpointGuard.DENIED, false));
        try (ServerSocket server = new ServerSocket(0)) {
            server.setSoTimeout(500);
            assertThat(guarded.measure("http://127.0.0.1:" + server.getLocalPort() + "/")).isNull();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(server::accept))
                    .as("nobody connected").isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    /** Reads one request's head and answers {@code answer}; the request head, as received. */
    private static CompletableFuture<String> answerOnce(ServerSocket server, String answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                byte[] buffer = new byte[4096];
                int read = socket.getInputStream().read(buffer);
                OutputStream out = socket.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return new String(buffer, 0, Math.max(0, read), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
