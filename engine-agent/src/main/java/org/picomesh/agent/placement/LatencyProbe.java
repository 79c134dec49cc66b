package org.picomesh.agent.placement;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One measurement of an engine as a pico's caller would see it, as the directory measures: a new connection,
 * HTTP/1.1 (no HTTP/2 upgrade attempt, which a pico engine answers slowly), {@code GET} of the advertised endpoint,
 * and the time from the request sent to the answer's first byte. The endpoint is a stranger's string: only an
 * absolute http(s) URL without user info is probed, and nothing of the answer but its first bytes is read.
 */
final class LatencyProbe {
    private final int timeoutMillis;
    private final EndpointGuard guard;

    LatencyProbe(Duration timeout, EndpointGuard guard) {
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.guard = guard;
    }

    /**
     * Milliseconds to the first byte, or null when the engine did not answer with an HTTP status line or its
     * endpoint may not be probed (a refused endpoint counts as unanswered: it lowers the engine's availability).
     */
    Double measure(String endpoint) {
        EndpointGuard.Checked checked;
        try {
            checked = guard.check(endpoint);
        } catch (EndpointGuard.Refused e) {
            return null;
        }
        URI url = checked.url();
        boolean tls = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        try (Socket socket = connect(checked.addresses().get(0), url.getHost(), port, tls)) {
            OutputStream out = socket.getOutputStream();
            String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + url.getRawAuthority() + "\r\nUser-Agent: picomesh-agent"
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
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

    private Socket connect(InetAddress address, String host, int port, boolean tls) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            if (!tls) {
                return socket;
            }
            SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host,
                    port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            secure.startHandshake();
            return secure;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The endpoint as a URL worth probing, or null. */
    static URI usable(String endpoint) {
        if (endpoint == null || endpoint.length() > ChainIndex.MAX_TEXT) {
            return null;
        }
        try {
            URI url = new URI(endpoint);
            boolean http = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
            return http && url.getHost() != null && url.getRawUserInfo() == null && url.getRawQuery() == null
                    && url.getRawFragment() == null ? url : null;
        } catch (Exception e) {
            return null;
        }
    }
}
