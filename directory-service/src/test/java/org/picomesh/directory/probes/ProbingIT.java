package org.picomesh.directory.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.directory.support.Directory.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import tools.jackson.databind.JsonNode;

/** The directory measures a real pico engine, and sees it go away. */
class ProbingIT {
    @Test
    void measuresARealPicoEngineAndNoticesWhenItStops() throws Exception {
        try (TestChain chain = new TestChain(); PicoEngineProcess engine = PicoEngineProcess.start();
                Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of(
                        "picomesh.probes.enabled", true, "picomesh.probes.interval", "200ms",
                        "picomesh.probes.timeout", "1s", "picomesh.probes.allow-loopback", true,
                        "picomesh.api.list-cache-ttl", "0s"))) {
            long up = chain.register(1, SampleAdverts.advert(engine.url(), 1, 2), "1");
            long hostile = chain.register(2, SampleAdverts.advert("javascript:alert(1)", 2, 2), "1");

            await("a measurement of the engine", Duration.ofSeconds(30), () -> directory.get("/api/engines/" + up)
                    .at("/summary/measuredLatencyP50Ms").isNumber());
            JsonNode measured = directory.get("/api/engines/" + up);
            assertThat(measured.at("/summary/availability").asDouble()).isEqualTo(1.0);
            assertThat(measured.at("/provenance/measuredLatencyP50Ms").asString()).isEqualTo("measured");
            assertThat(measured.path("probes").get(0).path("ok").asBoolean()).isTrue();

            await("the hostile endpoint to be refused", Duration.ofSeconds(30), () -> directory.get("/api/engines/" + hostile)
                    .path("probes").size() > 0);
            assertThat(directory.get("/api/engines/" + hostile).at("/probes/0/error").asString())
                    .isEqualTo("not probed: only http and https endpoints are reached");

            engine.close();
            await("failed probes to lower the availability", Duration.ofSeconds(30), () -> directory
                    .get("/api/engines/" + up).at("/summary/availability").asDouble() < 1.0);
        }
    }
}
