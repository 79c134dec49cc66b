package org.picomesh.directory.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.endpoint.AddressResolver;
import org.picomesh.contracts.endpoint.EndpointGuard;
import org.picomesh.directory.support.TinyHttpServer;

/**
 * DNS rebinding: a name that answers a public address when checked and a denied one a moment later. The probe
 * connects to the address that was checked, so the denied address never sees a connection.
 */
class RebindingIT {
    private static final String NAME = "engine.rebinding.test";

    @Test
    void probesTheCheckedAddressEvenWhenTheNameAnswersADeniedOneNext() throws Exception {
        try (TinyHttpServer allowed = TinyHttpServer.start(InetAddress.getByName("127.0.0.1"), 0, Duration.ZERO);
                TinyHttpServer denied = TinyHttpServer.start(InetAddress.getByName("127.0.0.2"), allowed.port(),
                        Duration.ZERO)) {
            AtomicInteger looks = new AtomicInteger();
            AddressResolver rebinding = host -> List.of(InetAddress.getByName(
                    looks.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2"));
            HttpProbe probe = probe(rebinding);

            ProbeResult result = probe.probe(7, "http://" + NAME + ":" + allowed.port());

            assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
            assertThat(result.connectMs()).isNotNull();
            assertThat(looks.get()).as("the name is resolved once a probe").isEqualTo(1);
            assertThat(allowed.requests()).containsExactly("GET /api/engine-version HTTP/1.1 Host: " + NAME + ":"
                    + allowed.port());
            assertThat(denied.connections()).as("connections to the denied address").isZero();

            ProbeResult second = probe.probe(7, "http://" + NAME + ":" + allowed.port());
            assertThat(second.error()).isEqualTo("not probed: the address 127.0.0.2 is in a denied range");
            assertThat(denied.connections()).as("connections to the denied address").isZero();
        }
    }

    @Test
    void aNameWithOneDeniedAddressAmongOthersIsNotProbedAtAll() throws Exception {
        try (TinyHttpServer allowed = TinyHttpServer.start(InetAddress.getByName("127.0.0.1"), 0, Duration.ZERO)) {
            AddressResolver mixed = host -> List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"));
            ProbeResult result = probe(mixed).probe(7, "http://" + NAME + ":" + allowed.port());
            assertThat(result.error()).isEqualTo("not probed: the address 127.0.0.2 is in a denied range");
            assertThat(allowed.connections()).isZero();
        }
    }

    private static HttpProbe probe(AddressResolver resolver) {
        EndpointGuard guard = new EndpointGuard(List.of("127.0.0.2/32", "10.0.0.0/8"), true, resolver);
        return new HttpProbe(guard, Duration.ofSeconds(2), 65_536);
    }
}
