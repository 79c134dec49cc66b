package org.picomesh.contracts.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Endpoints are written by strangers: only public http(s) base URLs are reached, neither the directory nor an agent
 * can be turned against the network it runs in, whatever an advert names.
 */
class EndpointGuardTest {
    private final EndpointGuard guard = new EndpointGuard(EndpointGuard.DENIED, false);

    private static EndpointGuard resolvingTo(String address, boolean allowLoopback) {
        return new EndpointGuard(EndpointGuard.DENIED, allowLoopback, host -> List.of(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<img src=x onerror=alert(1)>           | not a URL",
        "http://engine.example/\\r\\nX-Injected: 1 | not a URL",
        "javascript:alert(1)                    | only http and https",
        "file:///etc/passwd                     | only http and https",
        "ftp://engine.example/                  | only http and https",
        "/relative/path                         | only http and https",
        "http://user:pw@1.1.1.1/                | no credentials",
        "http://1.1.1.1/?q=1                    | without query or fragment",
        "http://1.1.1.1/#top                    | without query or fragment",
        "http://10.1.2.3:8080                   | denied range",
        "http://169.254.169.254/latest          | denied range",
        "http://[fd00::1]/                      | denied range",
        "http://127.0.0.1:3000                  | dev chain only",
        "http://[::1]:3000                      | dev chain only"})
    void refusesEndpointsThatAreNotPublicHttp(String endpoint, String reason) {
        String written = endpoint.strip().replace("\\r\\n", "\r\n");
        assertThatThrownBy(() -> guard.check(written)).isInstanceOf(RefusedEndpointException.class)
                .hasMessageContaining(reason.strip());
    }

    @Test
    void refusesAnAbsurdlyLongEndpoint() {
        assertThatThrownBy(() -> guard.check("http://1.1.1.1/" + "a".repeat(EndpointGuard.MAX_LENGTH)))
                .hasMessageContaining("at most " + EndpointGuard.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "192.168.0.1", "172.20.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "224.0.0.1", "fe80::1", "fd00::1", "ff02::1"})
    void refusesANameThatResolvesToAPrivateLinkLocalOrUnspecifiedAddress(String address) {
        assertThatThrownBy(() -> resolvingTo(address, true).check("http://engine.example/"))
                .isInstanceOf(RefusedEndpointException.class);
    }

    @Test
    void aHostNameThatAlsoResolvesToAPrivateAddressIsRefused() {
        EndpointGuard mixed = new EndpointGuard(EndpointGuard.DENIED, false,
                host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5")));

        assertThatThrownBy(() -> mixed.check("https://engine.example/")).hasMessageContaining("10.0.0.5");
    }

    @Test
    void reachesLoopbackOnlyWhenADevChainAllowsItAndADeniedRangeStillWins() throws Exception {
        assertThat(resolvingTo("127.0.0.1", true).check("http://engine.example:3000/").addresses())
                .containsExactly(InetAddress.getByName("127.0.0.1"));
        EndpointGuard dev = new EndpointGuard(List.of("127.0.0.2/32"), true);
        assertThat(dev.check("http://127.0.0.1:3101").url().toString()).isEqualTo("http://127.0.0.1:3101");
        assertThatThrownBy(() -> dev.check("http://127.0.0.2:3101")).hasMessageContaining("denied range");
    }

    @Test
    void givesThePathAskedUnderAPublicEndpointsOwnPath() throws Exception {
        assertThat(guard.check("https://1.1.1.1:8443/pico/", "/api/engine-version").url().toString())
                .isEqualTo("https://1.1.1.1:8443/pico/api/engine-version");
        assertThat(guard.check("http://8.8.8.8", "/api/engine-version").url().toString())
                .isEqualTo("http://8.8.8.8/api/engine-version");
    }

    @Test
    void resolvesTheNameOnceAndKeepsTheAddressesItChecked() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        EndpointGuard counting = new EndpointGuard(EndpointGuard.DENIED, false, host -> {
            looks.incrementAndGet();
            return List.of(InetAddress.getByName("93.184.216.34"));
        });

        CheckedEndpoint checked = counting.check("https://engine.example/agent");

        assertThat(looks.get()).isEqualTo(1);
        assertThat(checked.addresses()).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThat(checked.hostHeader()).isEqualTo("engine.example");
        assertThat(checked.port()).isEqualTo(443);
        assertThat(checked.target()).isEqualTo("/agent");
    }
}
