package org.picomesh.agent.placement;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Whether an endpoint a stranger advertised may be probed, by the directory's rule: an http(s) URL with a host and no
 * credentials, whose every address lies outside the denied ranges (private, link-local, ...) and off loopback unless
 * allowed (a dev chain's engines listen there). The addresses are resolved once here and the probe connects to one of
 * them, so a DNS answer that changes in between cannot lead it somewhere denied.
 */
final class EndpointGuard {
    static final List<String> DENIED = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16",
            "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "fc00::/7", "fe80::/10", "ff00::/8");

    /** Turns a host name into addresses (the system's resolver, or a test's). */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** An endpoint that passed: the URL and the addresses it may be reached at. */
    record Checked(URI url, List<InetAddress> addresses) {}

    /** An endpoint that is not probed, and why. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    private record Range(BigInteger network, BigInteger mask, int bits) {}

    private final List<Range> denied;
    private final boolean allowLoopback;
    private final Resolver resolver;

    EndpointGuard(List<String> deniedRanges, boolean allowLoopback, Resolver resolver) {
        this.denied = deniedRanges.stream().map(EndpointGuard::range).toList();
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    static EndpointGuard of(boolean allowLoopback) {
        return new EndpointGuard(DENIED, allowLoopback, host -> List.of(InetAddress.getAllByName(host)));
    }

    Checked check(String endpoint) throws Refused {
        URI url = LatencyProbe.usable(endpoint);
        if (url == null) {
            throw new Refused("not an absolute http(s) URL without credentials, query or fragment");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(url.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("unknown host " + url.getHost());
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new Refused("no address for host " + url.getHost());
        }
        for (InetAddress address : addresses) {
            checkAddress(address);
        }
        return new Checked(url, List.copyOf(addresses));
    }

    /** A denied range wins over the loopback allowance. */
    private void checkAddress(InetAddress address) throws Refused {
        if (address.isAnyLocalAddress()) {
            throw new Refused("the unspecified address is not probed");
        }
        BigInteger value = new BigInteger(1, address.getAddress());
        int bits = address.getAddress().length * 8;
        for (Range range : denied) {
            if (range.bits() == bits && value.and(range.mask()).equals(range.network())) {
                throw new Refused("the address " + address.getHostAddress() + " is in a denied range");
            }
        }
        if (address.isLoopbackAddress() && !allowLoopback) {
            throw new Refused("loopback addresses are probed on a dev chain only");
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
