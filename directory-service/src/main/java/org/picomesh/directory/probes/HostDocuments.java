package org.picomesh.directory.probes;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
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
 * Reads a small document an engine publishes under its advertised endpoint, or posts one small JSON document (an
 * event for a pico) to it, as the probes reach it: through the guard (resolved once, every address checked, connected
 * to a checked address only), no redirect followed, the whole answer within the timeout, and a bounded size.
 * HTTP/1.0 is asked, so the body ends with the connection (no chunked encoding).
 */
public final class HostDocuments {
    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private final EndpointGuard guard;
    private final GuardedConnector connector;
    private final long timeoutMillis;
    private final int maxBytes;

    HostDocuments(EndpointGuard guard, Duration timeout, int maxBytes) {
        this(guard, timeout, maxBytes, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    HostDocuments(EndpointGuard guard, Duration timeout, int maxBytes, SSLSocketFactory tls) {
        this.guard = guard;
        this.timeoutMillis = Math.min(Integer.MAX_VALUE, timeout.toMillis());
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
        return exchange(endpoint, path, "GET", null);
    }

    /**
     * {@code POST} of a JSON body to {@code path} (the caller's own, already encoded, its parts checked by the caller)
     * under the endpoint an engine advertises. The path may carry a capability (a pico's ECI): it never appears in
     * what this returns.
     */
    public Answer post(String endpoint, String path, byte[] json) {
        return exchange(endpoint, path, "POST", json);
    }

    private Answer exchange(String endpoint, String path, String method, byte[] json) {
        CheckedEndpoint checked;
        try {
            checked = guard.check(endpoint, path);
        } catch (RefusedEndpointException e) {
            return Answer.failed("not asked: " + e.getMessage());
        }
        try (Socket socket = connector.connect(checked)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(checked, method, json));
            if (json != null) {
                out.write(json);
            }
            out.flush();
            InputStream in = new BufferedInputStream(new Deadline(socket, System.nanoTime() + timeoutMillis * 1_000_000));
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

    private static byte[] head(CheckedEndpoint checked, String method, byte[] json) {
        String body = json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n";
        return (method + " " + checked.target() + " HTTP/1.0\r\nHost: " + checked.hostHeader()
                + "\r\nUser-Agent: picomesh-directory\r\nAccept: application/json\r\n" + body
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The socket's input with one deadline for the whole answer: a host that trickles a byte just inside each read's
     * timeout still gives up its connection when the deadline passes.
     */
    private static final class Deadline extends FilterInputStream {
        private final Socket socket;
        private final long deadlineNanos;

        Deadline(Socket socket, long deadlineNanos) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            arm();
            return super.read(buffer, offset, length);
        }

        private void arm() throws IOException {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("the answer took longer than allowed");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        }
    }
}
