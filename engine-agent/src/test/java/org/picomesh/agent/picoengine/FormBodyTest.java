package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void aStreamedSnapshotDecodesToItsOwnBytes() throws IOException {
        String json = "{\"picomesh\":1,\"export\":{\"a b\":\"é+&=%\\n" + "x".repeat(20_000) + "\"}}";
        Snapshot snapshot = Snapshot.wrap(json.getBytes(StandardCharsets.UTF_8));

        String body;
        try (InputStream in = new FormBody.PercentEncoding(snapshot.open())) {
            body = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }

        assertThat(body).doesNotContain("&", "=", "+", " ");
        assertThat(URLDecoder.decode(body, StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void fieldsComeBeforeTheStreamedOne() {
        assertThat(FormBody.encode(Map.of("parent_id", "a b&c"))).isEqualTo("parent_id=a+b%26c");
    }
}
