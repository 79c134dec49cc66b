package org.picomesh.contracts.endpoint;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Connects to an endpoint the guard checked, at one of the addresses it checked (never resolving the host again),
 * with TLS verified against the endpoint's own name for https, as a browser would.
 */
public final class GuardedConnector {
    private final int timeoutMillis;
    private final SSLSocketFactory tls;

    public GuardedConnector(Duration timeout) {
        this(timeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    public GuardedConnector(Duration timeout, SSLSocketFactory tls) {
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.tls = tls;
    }

    /** A connection to the first checked address that accepts one, within the timeout; TLS over it for https. */
    public Socket connect(CheckedEndpoint checked) throws IOException {
        IOException last = null;
        for (InetAddress address : checked.addresses()) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, checked.port()), timeoutMillis);
                socket.setSoTimeout(timeoutMillis);
                return checked.tls() ? handshake(socket, checked) : socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address");
    }

    private Socket handshake(Socket plain, CheckedEndpoint checked) throws IOException {
        String host = checked.url().getHost();
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, checked.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        // SNI carries names only: an IP literal (v4 ends in a digit, v6 is bracketed) is verified without it
        if (!host.startsWith("[") && !Character.isDigit(host.charAt(host.length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }
}
