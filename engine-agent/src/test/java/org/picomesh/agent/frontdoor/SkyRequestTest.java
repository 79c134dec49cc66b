package org.picomesh.agent.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SkyRequestTest {

    @Test
    void findsTheEciOfEventsAndQueriesOnly() {
        assertThat(SkyRequest.eci("/sky/event/Abc123/e1/counter/tick")).isEqualTo("Abc123");
        assertThat(SkyRequest.eci("/sky/cloud/Abc123/rid/count")).isEqualTo("Abc123");
        assertThat(SkyRequest.eci("/sky/event/")).isNull();
        assertThat(SkyRequest.eci("/sky/event/Abc123")).isNull();
        assertThat(SkyRequest.eci("/api/engine-version")).isNull();
        assertThat(SkyRequest.isEvent("/sky/event/Abc123/e1/counter/tick")).isTrue();
        assertThat(SkyRequest.isEvent("/sky/cloud/Abc123/rid/count")).isFalse();
    }

    @Test
    void keepsThePathAndQueryAsSentOnTheNewHostsEndpointAndItsPath() {
        SkyRequest event = new SkyRequest("GET", "/sky/event/E/1/d/t", "a=%20b&c=d", null, new byte[0]);
        assertThat(event.on(URI.create("http://b:8081"))).isEqualTo(URI.create("http://b:8081/sky/event/E/1/d/t?a=%20b&c=d"));
        assertThat(event.on(URI.create("https://b/agent/"))).isEqualTo(URI.create("https://b/agent/sky/event/E/1/d/t?a=%20b&c=d"));
        assertThat(new SkyRequest("POST", "/sky/event/E/1/d/t", null, null, new byte[0]).on(URI.create("http://b")))
                .isEqualTo(URI.create("http://b/sky/event/E/1/d/t"));
    }
}
