package org.picomesh.contracts.endpoint;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether an endpoint written by a stranger may be reached: an absolute http(s) URL with a host, no
 * credentials, query or fragment, whose every address is outside the denied ranges (and off loopback unless
 * allowed: a dev chain's engines listen there), so that a prober cannot be turned against the network it runs in.
 * The addresses are resolved once here; {@link GuardedConnector} connects to one of them and to nothing else.
 */
public final class EndpointGuard {
    /** Private, shared, link-local, multicast and reserved ranges: never an engine's public endpoint. */
    public static final List<String> DENIED = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16",
            "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "fc00::/7", "fe80::/10", "ff00::/8");
    /** A longer endpoint is nobody's real one. */
    public static final int MAX_LENGTH = 2048;

    private record Range(BigInteger network, BigInteger mask, int bits) {}

    private final List<Range> denied;
    private final boolean allowLoopback;
    private final AddressResolver resolver;

    public EndpointGuard(List<String> deniedRanges, boolean allowLoopback) {
        this(deniedRanges, allowLoopback, AddressResolver.SYSTEM);
    }

    public EndpointGuard(List<String> deniedRanges, boolean allowLoopback, AddressResolver resolver) {
        this.denied = deniedRanges.stream().map(EndpointGuard::range).toList();
        this.allowLoopback = allowLoopback;
        this.resolver = Objects.requireNonNull(resolver);
    }

    /** The endpoint itself and its checked addresses; or an exception whose message says why it is refused. */
    public CheckedEndpoint check(String endpoint) throws RefusedEndpointException {
        URI url = parse(endpoint);
        return new CheckedEndpoint(url, addresses(url.getHost()));
    }

    /**
     * A path under the endpoint ({@code path} is the caller's, already encoded, never a stranger's) and the endpoint's
     * checked addresses; or an exception whose message says why it is refused.
     */
    public CheckedEndpoint check(String endpoint, String path) throws RefusedEndpointException {
        URI url = parse(endpoint);
        List<InetAddress> addresses = addresses(url.getHost());
        String base = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return new CheckedEndpoint(url.resolve(base + path), addresses);
    }

    private static URI parse(String endpoint) throws RefusedEndpointException {
        if (endpoint == null || endpoint.length() > MAX_LENGTH) {
            throw new RefusedEndpointException("not a URL of at most " + MAX_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(endpoint);
        } catch (Exception e) {
            throw new RefusedEndpointException("not a URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new RefusedEndpointException("only http and https endpoints are reached");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null) {
            throw new RefusedEndpointException("the endpoint needs a host and no credentials");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new RefusedEndpointException("an endpoint is a base URL, without query or fragment");
        }
        return url;
    }

    private List<InetAddress> addresses(String host) throws RefusedEndpointException {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedEndpointException("unknown host " + host);
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new RefusedEndpointException("no address for host " + host);
        }
        for (InetAddress address : addresses) {
            checkAddress(address);
        }
        return addresses;
    }

    /** A denied range wins over the loopback allowance, so that a dev chain can still deny part of 127.0.0.0/8. */
    private void checkAddress(InetAddress address) throws RefusedEndpointException {
        if (address.isAnyLocalAddress()) {
            throw new RefusedEndpointException("the unspecified address is not reached");
        }
        BigInteger value = new BigInteger(1, address.getAddress());
        int bits = address.getAddress().length * 8;
        for (Range range : denied) {
            if (range.bits() == bits && value.and(range.mask()).equals(range.network())) {
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
}
