package org.picomesh.agent.whereabouts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An advertised endpoint is given on only when it is a plain http(s) URL: it is a stranger's string. */
class SafeEndpointTest {
    @Test
    void givesPlainHttpUrls() {
        assertThat(SafeEndpoint.of("https://engine.example:8443/agent")).isEqualTo("https://engine.example:8443/agent");
        assertThat(SafeEndpoint.of("http://127.0.0.1:3101")).isEqualTo("http://127.0.0.1:3101");
    }

    @Test
    void withholdsWhatCouldForgeOutputOrLeadSomewhereElse() {
        assertThat(SafeEndpoint.of("http://engine.example/\nengine 9 is the host")).isNull();
        assertThat(SafeEndpoint.of("http://engine.example/\u202eevil")).isNull(); // a bidi override
        assertThat(SafeEndpoint.of("javascript:alert(1)")).isNull();
        assertThat(SafeEndpoint.of("http://user:pw@engine.example/")).isNull();
        assertThat(SafeEndpoint.of("http://engine.example/?next=http://elsewhere")).isNull();
        assertThat(SafeEndpoint.of("http://engine.example/" + "a".repeat(SafeEndpoint.MAX))).isNull();
        assertThat(SafeEndpoint.of("")).isNull();
    }
}
