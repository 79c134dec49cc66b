package org.picomesh.directory.probes;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether an endpoint written by a stranger may be probed: an http(s) URL with a host, whose every
 * address is outside the denied ranges (and off loopback unless allowed), so that the directory cannot be
 * turned against the network it runs in.
 */
final class EndpointGuard {
    private record Range(BigInteger network, BigInteger mask, int length) {}

    private final List<Range> denied;
    private final boolean allowLoopback;
    private final AddressResolver resolver;

    EndpointGuard(List<String> deniedRanges, boolean allowLoopback) {
        this(deniedRanges, allowLoopback, AddressResolver.SYSTEM);
    }

    EndpointGuard(List<String> deniedRanges, boolean allowLoopback, AddressResolver resolver) {
        this.denied = deniedRanges.stream().map(EndpointGuard::range).toList();
        this.allowLoopback = allowLoopback;
        this.resolver = Objects.requireNonNull(resolver);
    }

    /** The URL to probe, or an exception whose message says why the endpoint is refused. */
    URI probeUrl(String endpoint) throws RefusedEndpointException {
        return check(endpoint).url();
    }

    /**
     * The URL to probe and the addresses to connect to, resolved once here and each checked; or an exception whose
     * message says why the endpoint is refused.
     */
    CheckedEndpoint check(String endpoint) throws RefusedEndpointException {
        return check(endpoint, "/api/engine-version");
    }

    /**
     * As {@link #check(String)}, for another path under the endpoint ({@code path} is the caller's, already encoded,
     * never a stranger's).
     */
    CheckedEndpoint check(String endpoint, String path) throws RefusedEndpointException {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (Exception e) {
            throw new RefusedEndpointException("not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new RefusedEndpointException("only http and https endpoints are probed");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new RefusedEndpointException("the endpoint needs a host and no credentials");
        }
        List<InetAddress> addresses = resolve(uri.getHost());
        for (InetAddress address : addresses) {
            checkAddress(address);
        }
        String base = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return new CheckedEndpoint(uri.resolve(base + path), addresses);
    }

    private List<InetAddress> resolve(String host) throws RefusedEndpointException {
        try {
            List<InetAddress> addresses = resolver.resolve(host);
            if (addresses == null || addresses.isEmpty()) {
                throw new RefusedEndpointException("no address for host " + host);
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new RefusedEndpointException("unknown host " + host);
        }
    }

    /** A denied range wins over the loopback allowance, so that a dev chain can still deny part of 127.0.0.0/8. */
    private void checkAddress(InetAddress address) throws RefusedEndpointException {
        if (address.isAnyLocalAddress()) {
            throw new RefusedEndpointException("the unspecified address is not probed");
        }
        BigInteger value = new BigInteger(1, address.getAddress());
        int bits = address.getAddress().length * 8;
        for (Range range : denied) {
            if (range.length() == bits && value.and(range.mask()).equals(range.network())) {
                throw new RefusedEndpointException("the address " + address.getHostAddress() + " is in a denied range");
            }
        }
        if (address.isLoopbackAddress() && !allowLoopback) {
            throw new RefusedEndpointException("loopback addresses are probed on a dev chain only");
        }
    }

    private static Range range(String cidr) {
        String[] parts = cidr.split("/");
        try {
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            int bits = network.length * 8;
            int prefix = Integer.parseInt(parts[1]);
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new Range(new BigInteger(1, network).and(mask), mask, bits);
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("not a CIDR range: " + cidr, e);
        }
    }

    /** An endpoint that is not probed, and why. */
    static final class RefusedEndpointException extends Exception {
        RefusedEndpointException(String reason) {
            super(reason);
        }
    }
}
