package org.picomesh.agent.placement;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.picomesh.contracts.endpoint.CheckedEndpoint;
import org.picomesh.contracts.endpoint.EndpointGuard;
import org.picomesh.contracts.endpoint.GuardedConnector;
import org.picomesh.contracts.endpoint.RefusedEndpointException;

/**
 * One measurement of an engine as a pico's caller would see it, as the directory measures: a new connection,
 * HTTP/1.1 (no HTTP/2 upgrade attempt, which a pico engine answers slowly), {@code GET} of the advertised endpoint,
 * and the time from the request sent to the answer's first byte. The endpoint is a stranger's string: the shared
 * {@link EndpointGuard} checks it and its addresses once, the connection goes to a checked address only, and nothing
 * of the answer but its first bytes is read.
 */
final class LatencyProbe {
    private final EndpointGuard guard;
    private final GuardedConnector connector;

    LatencyProbe(Duration timeout, EndpointGuard guard) {
        this.guard = guard;
        this.connector = new GuardedConnector(timeout);
    }

    /**
     * Milliseconds to the first byte, or null when the engine did not answer with an HTTP status line or its
     * endpoint may not be probed (a refused endpoint counts as unanswered: it lowers the engine's availability).
     */
    Double measure(String endpoint) {
        CheckedEndpoint checked;
        try {
            checked = guard.check(endpoint);
        } catch (RefusedEndpointException e) {
            return null;
        }
        try (Socket socket = connector.connect(checked)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + checked.target() + " HTTP/1.1\r\nHost: " + checked.hostHeader()
                    + "\r\nUser-Agent: picomesh-agent\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long sent = System.nanoTime();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[5];
            int read = in.readNBytes(head, 0, head.length);
            double ms = (System.nanoTime() - sent) / 1e6;
            return read == 5 && "HTTP/".equals(new String(head, StandardCharsets.US_ASCII)) ? ms : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
