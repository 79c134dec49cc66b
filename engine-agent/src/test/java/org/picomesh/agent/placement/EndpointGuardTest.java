package org.picomesh.agent.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent refuses to probe the network it runs in, whatever an advert names, as the directory's probes do. */
class EndpointGuardTest {
    private static EndpointGuard resolvingTo(String address, boolean allowLoopback) {
        return new EndpointGuard(EndpointGuard.DENIED, allowLoopback, host -> List.of(InetAddress.getByName(address)));
    }

    @Test
    void refusesPrivateLinkLocalAndUnspecifiedAddresses() {
        for (String address : List.of("10.1.2.3", "192.168.0.1", "172.20.0.1", "169.254.169.254", "100.64.0.1",
                "0.0.0.0", "fe80::1", "fd00::1")) {
            assertThatThrownBy(() -> resolvingTo(address, true).check("http://engine.example/"))
                    .as(address).isInstanceOf(EndpointGuard.Refused.class);
        }
    }

    @Test
    void refusesLoopbackUnlessAllowedForTheDevChain() throws Exception {
        assertThatThrownBy(() -> resolvingTo("127.0.0.1", false).check("http://engine.example:3000/"))
                .isInstanceOf(EndpointGuard.Refused.class).hasMessageContaining("dev chain only");
        assertThatThrownBy(() -> resolvingTo("::1", false).check("http://[::1]:3000/"))
                .isInstanceOf(EndpointGuard.Refused.class);
        assertThat(resolvingTo("127.0.0.1", true).check("http://engine.example:3000/").addresses())
                .containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void aHostNameThatAlsoResolvesToAPrivateAddressIsRefused() {
        EndpointGuard guard = new EndpointGuard(EndpointGuard.DENIED, false,
                host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5")));

        assertThatThrownBy(() -> guard.check("https://engine.example/")).isInstanceOf(EndpointGuard.Refused.class)
                .hasMessageContaining("10.0.0.5");
    }

    @Test
    void letsAPublicAddressThroughAndRefusesWhatIsNotAUrl() throws Exception {
        assertThat(resolvingTo("93.184.216.34", false).check("https://engine.example/agent").url().getHost())
                .isEqualTo("engine.example");
        assertThatThrownBy(() -> resolvingTo("93.184.216.34", false).check("file:///etc/passwd"))
                .isInstanceOf(EndpointGuard.Refused.class);
    }
}
