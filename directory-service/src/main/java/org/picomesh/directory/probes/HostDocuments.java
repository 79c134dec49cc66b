package org.picomesh.directory.probes;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.picomesh.contracts.endpoint.CheckedEndpoint;
import org.picomesh.contracts.endpoint.EndpointGuard;
import org.picomesh.contracts.endpoint.GuardedConnector;
import org.picomesh.contracts.endpoint.RefusedEndpointException;

/**
 * Reads a small document an engine publishes under its advertised endpoint, as the probes reach it: through the
 * guard (resolved once, every address checked, connected to a checked address only), no redirect followed, a short
 * timeout, and a bounded size. HTTP/1.0 is asked, so the body ends with the connection (no chunked encoding).
 */
public final class HostDocuments {
    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private final EndpointGuard guard;
    private final GuardedConnector connector;
    private final int maxBytes;

    HostDocuments(EndpointGuard guard, Duration timeout, int maxBytes) {
        this(guard, timeout, maxBytes, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    HostDocuments(EndpointGuard guard, Duration timeout, int maxBytes, SSLSocketFactory tls) {
        this.guard = guard;
        this.connector = new GuardedConnector(timeout, tls);
        this.maxBytes = maxBytes;
    }

    /** What an endpoint answered: a status and, for a 200, its body; or why there was no answer. */
    public record Answer(int status, byte[] body, String failure) {
        public boolean answered() {
            return failure == null;
        }

        static Answer failed(String failure) {
            return new Answer(0, new byte[0], failure);
        }
    }

    /** {@code GET} of {@code path} (the caller's own, already encoded) under the endpoint an engine advertises. */
    public Answer get(String endpoint, String path) {
        CheckedEndpoint checked;
        try {
            checked = guard.check(endpoint, path);
        } catch (RefusedEndpointException e) {
            return Answer.failed("not asked: " + e.getMessage());
        }
        try (Socket socket = connector.connect(checked)) {
            OutputStream out = socket.getOutputStream();
            out.write(request(checked));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int first = in.read();
            if (first < 0) {
                return Answer.failed("closed without an answer");
            }
            HttpAnswer.Read read = new HttpAnswer(first, in, MAX_HEAD_BYTES, maxBytes).read();
            if (read.failure() != null) {
                return Answer.failed(read.failure());
            }
            if (read.chunked()) {
                return Answer.failed("a chunked answer to an HTTP/1.0 request");
            }
            return new Answer(read.status(), read.body(), null);
        } catch (SocketTimeoutException e) {
            return Answer.failed("timed out");
        } catch (IOException e) {
            return Answer.failed("no connection (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] request(CheckedEndpoint checked) {
        return ("GET " + checked.target() + " HTTP/1.0\r\nHost: " + checked.hostHeader()
                + "\r\nUser-Agent: picomesh-directory\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
