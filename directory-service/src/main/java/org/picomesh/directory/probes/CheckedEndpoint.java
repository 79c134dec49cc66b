package org.picomesh.directory.probes;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * An endpoint the guard let through: the URL to ask, and the addresses it resolved to and checked. A probe
 * connects to these addresses only, never resolving the host again.
 */
record CheckedEndpoint(URI url, List<InetAddress> addresses) {
    CheckedEndpoint {
        addresses = List.copyOf(addresses);
    }

    boolean tls() {
        return "https".equals(url.getScheme());
    }

    int port() {
        return url.getPort() != -1 ? url.getPort() : tls() ? 443 : 80;
    }

    /** The Host header: the name as written, with the port when it is not the scheme's default. */
    String hostHeader() {
        String host = url.getHost();
        return url.getPort() == -1 ? host : host + ":" + url.getPort();
    }

    /** The request target: path and query, as written. */
    String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
