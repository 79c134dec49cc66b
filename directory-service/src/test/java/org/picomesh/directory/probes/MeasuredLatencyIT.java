package org.picomesh.directory.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.directory.support.Directory.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.support.Curl;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * The latency the directory shows for a real pico engine is the one its callers see: curl, a separate process,
 * measures the same endpoint in the same run, and the two medians agree within 20 % + 2 ms.
 */
class MeasuredLatencyIT {
    private static final int PROBES = 40;

    @Test
    void showsTheLatencyAnIndependentClientMeasuresOfTheSameEngine() throws Exception {
        try (TestChain chain = new TestChain(); PicoEngineProcess engine = PicoEngineProcess.start();
                Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of(
                        "picomesh.probes.enabled", true, "picomesh.probes.interval", "100ms",
                        "picomesh.probes.flush-interval", "100ms", "picomesh.probes.stats-refresh", "0s",
                        "picomesh.probes.allow-loopback", true, "picomesh.api.list-cache-ttl", "0s"))) {
            long id = chain.register(1, SampleAdverts.advert(engine.url(), 1, 2), "1");
            String versionUrl = engine.url() + "/api/engine-version";

            List<Double> curl = new ArrayList<>();
            await(PROBES + " probes of the engine, curl measuring alongside", Duration.ofSeconds(90), () -> {
                curl.add(curlFirstByte(versionUrl));
                return directory.get("/api/engines/" + id).path("probes").size() >= PROBES;
            });
            JsonNode measured = directory.get("/api/engines/" + id);
            double shown = measured.at("/summary/measuredLatencyP50Ms").asDouble();
            double independent = Curl.median(curl);

            assertThat(Curl.agrees(shown, independent)).as(Curl.describe(shown, independent)).isTrue();
            JsonNode latest = measured.path("probes").get(measured.path("probes").size() - 1);
            assertThat(latest.path("ok").asBoolean()).isTrue();
            assertThat(latest.path("connectMs").isNumber()).as("connect time recorded apart").isTrue();
            assertThat(measured.at("/measured/connectMs24h/value").isNumber()).isTrue();
        }
    }

    private static double curlFirstByte(String url) {
        try {
            return Curl.measurePaced(url).firstByteMs();
        } catch (Exception e) {
            throw new AssertionError("curl could not measure " + url, e);
        }
    }
}
