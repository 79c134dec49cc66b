package org.picomesh.directory.probes;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLSocketFactory;
import org.picomesh.contracts.endpoint.CheckedEndpoint;
import org.picomesh.contracts.endpoint.EndpointGuard;
import org.picomesh.contracts.endpoint.GuardedConnector;
import org.picomesh.contracts.endpoint.RefusedEndpointException;

/**
 * One probe as a pico's caller experiences it: a new HTTP/1.1 connection (what a pico engine speaks; no HTTP/2
 * upgrade attempt) to an address the guard checked, then {@code GET} with the endpoint's own Host header (and, for
 * https, its name for SNI and certificate verification). Connect time and time to the first byte are measured
 * apart. No redirect is followed; a larger answer than allowed fails the probe.
 */
final class HttpProbe {
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    /** What a pico engine answers cheaply, under its advertised endpoint. */
    static final String VERSION_PATH = "/api/engine-version";

    private final EndpointGuard guard;
    private final int maxResponseBytes;
    private final GuardedConnector connector;

    HttpProbe(EndpointGuard guard, Duration timeout, int maxResponseBytes) {
        this(guard, timeout, maxResponseBytes, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    HttpProbe(EndpointGuard guard, Duration timeout, int maxResponseBytes, SSLSocketFactory tls) {
        this.guard = guard;
        this.maxResponseBytes = maxResponseBytes;
        this.connector = new GuardedConnector(timeout, tls);
    }

    ProbeResult probe(long engineId, String endpoint) {
        Instant at = Instant.now();
        CheckedEndpoint checked;
        try {
            checked = guard.check(endpoint, VERSION_PATH);
        } catch (RefusedEndpointException e) {
            return ProbeResult.failed(engineId, at, "not probed: " + e.getMessage());
        }
        long start = System.nanoTime();
        try (Socket socket = connector.connect(checked)) {
            double connectMs = (System.nanoTime() - start) / 1e6;
            OutputStream out = socket.getOutputStream();
            out.write(request(checked));
            out.flush();
            long sent = System.nanoTime();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int first = in.read();
            double latencyMs = (System.nanoTime() - sent) / 1e6;
            if (first < 0) {
                return ProbeResult.failed(engineId, at, "closed without an answer");
            }
            String failure = new HttpAnswer(first, in, MAX_HEAD_BYTES, maxResponseBytes).failure();
            return failure == null ? ProbeResult.answered(engineId, at, connectMs, latencyMs)
                    : ProbeResult.failed(engineId, at, failure);
        } catch (SocketTimeoutException e) {
            return ProbeResult.failed(engineId, at, "timed out");
        } catch (IOException e) {
            return ProbeResult.failed(engineId, at, e.getClass().getSimpleName());
        }
    }

    private static byte[] request(CheckedEndpoint checked) {
        return ("GET " + checked.target() + " HTTP/1.1\r\nHost: " + checked.hostHeader()
                + "\r\nUser-Agent: picomesh-directory\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
