package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** An advert's endpoint and key are written by strangers: only an http(s) URL and 32 bytes of hex are used. */
class EngineAdvertsTest {

    @Test
    void anHttpEndpointAndA32ByteKeyAreUsed() throws Exception {
        assertThat(EngineAdverts.endpoint(2, "https://engine-2.example:8443")).isEqualTo(URI.create(
                "https://engine-2.example:8443"));
        assertThat(EngineAdverts.key(2, "0x" + "ab".repeat(32))).hasSize(32);
    }

    @Test
    void anEndpointThatIsNoHttpUrlOrCarriesAQueryIsRefused() {
        for (String endpoint : new String[] {"file:///etc/passwd", "javascript:alert(1)", "/relative", "not a url",
            "http://engine.example/?next=http://evil.example", ""}) {
            assertThatThrownBy(() -> EngineAdverts.endpoint(2, endpoint)).as(endpoint)
                    .isInstanceOf(MoveFailure.Fatal.class).hasMessageContaining("engine 2");
        }
    }

    @Test
    void aKeyThatIsNot32BytesOfHexIsRefused() {
        for (String key : new String[] {"0x1234", "0x" + "zz".repeat(32), "0x" + "ab".repeat(33), ""}) {
            assertThatThrownBy(() -> EngineAdverts.key(2, key)).as(key).isInstanceOf(MoveFailure.Fatal.class);
        }
    }
}
