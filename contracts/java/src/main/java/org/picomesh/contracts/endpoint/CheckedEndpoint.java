package org.picomesh.contracts.endpoint;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * An endpoint the guard let through: the URL to ask, and the addresses it resolved to and checked. A caller
 * connects to these addresses only ({@link GuardedConnector}), never resolving the host again.
 */
public record CheckedEndpoint(URI url, List<InetAddress> addresses) {
    public CheckedEndpoint {
        addresses = List.copyOf(addresses);
    }

    public boolean tls() {
        return "https".equals(url.getScheme());
    }

    public int port() {
        return url.getPort() != -1 ? url.getPort() : tls() ? 443 : 80;
    }

    /** The Host header: the name as written, with the port when it is not the scheme's default. */
    public String hostHeader() {
        String host = url.getHost();
        return url.getPort() == -1 ? host : host + ":" + url.getPort();
    }

    /** The request target: path and query, as written. */
    public String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
