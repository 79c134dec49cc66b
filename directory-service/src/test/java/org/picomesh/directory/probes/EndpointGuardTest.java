package org.picomesh.directory.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Endpoints are written by strangers: only public http(s) hosts are probed, and only their version path. */
class EndpointGuardTest {
    private static final List<String> DENIED = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fe80::/10");

    private final EndpointGuard guard = new EndpointGuard(DENIED, false);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<img src=x onerror=alert(1)>   | not a URL",
        "javascript:alert(1)            | only http and https",
        "file:///etc/passwd             | only http and https",
        "http://user:pw@1.1.1.1/        | no credentials",
        "http://10.1.2.3:8080           | denied range",
        "http://169.254.169.254/latest  | denied range",
        "http://[fd00::1]/              | denied range",
        "http://127.0.0.1:3000          | loopback",
        "http://[::1]:3000              | loopback"})
    void refusesEndpointsThatAreNotPublicHttp(String endpoint, String reason) {
        assertThatThrownBy(() -> guard.probeUrl(endpoint.strip())).hasMessageContaining(reason.strip());
    }

    @Test
    void probesTheEngineVersionUnderAPublicEndpointsPath() throws Exception {
        assertThat(guard.probeUrl("https://1.1.1.1:8443/pico/").toString()).isEqualTo("https://1.1.1.1:8443/pico/api/engine-version");
        assertThat(guard.probeUrl("http://8.8.8.8").toString()).isEqualTo("http://8.8.8.8/api/engine-version");
    }

    @Test
    void probesLoopbackOnlyWhenADevChainAllowsIt() throws Exception {
        EndpointGuard dev = new EndpointGuard(DENIED, true);
        assertThat(dev.probeUrl("http://127.0.0.1:3101").toString()).isEqualTo("http://127.0.0.1:3101/api/engine-version");
        assertThatThrownBy(() -> dev.probeUrl("http://192.168.1.10")).hasMessageContaining("denied range");
    }
}
