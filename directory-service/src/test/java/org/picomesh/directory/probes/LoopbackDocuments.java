package org.picomesh.directory.probes;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.picomesh.contracts.endpoint.AddressResolver;
import org.picomesh.contracts.endpoint.EndpointGuard;

/** For tests of other packages: host documents read through the real guard, every host name pinned to loopback. */
public final class LoopbackDocuments {
    private LoopbackDocuments() {}

    public static HostDocuments pinned() {
        AddressResolver loopback = host -> List.of(InetAddress.getLoopbackAddress());
        return new HostDocuments(new EndpointGuard(List.of("10.0.0.0/8"), true, loopback), Duration.ofSeconds(5),
                65_536);
    }
}
