package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.directory.support.Directory.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import tools.jackson.databind.JsonNode;

/** With a confirmation depth, new rows are shown at once but as pending, and confirmed once buried deep enough. */
class ConfirmationsIT {
    @Test
    void showsNewEnginesAsPendingUntilTheyAreConfirmationsDeep() throws Exception {
        try (TestChain chain = new TestChain();
                Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(),
                        Map.of("picomesh.chain.confirmations", 3, "picomesh.chain.use-finalized-tag", false))) {
            long id = chain.register(1, SampleAdverts.advert("https://fresh.example", 1, 2), "1");
            await("the engine to be indexed", Duration.ofSeconds(20), () -> directory.getRaw("/api/engines/" + id).statusCode() == 200);
            JsonNode fresh = directory.get("/api/engines/" + id);
            assertThat(fresh.at("/summary/status").asString()).isEqualTo("pending");
            assertThat(fresh.at("/summary/confirmed").asBoolean()).isFalse();
            assertThat(fresh.at("/stakeHistory/0/kind").asString()).isEqualTo("EngineRegistered");
            assertThat(fresh.at("/stakeHistory/0/confirmed").asBoolean()).isFalse();

            for (int n = 0; n < 3; n++) {
                chain.anvil.call("evm_mine");
            }
            await("the engine to be confirmed", Duration.ofSeconds(20),
                    () -> directory.get("/api/engines/" + id).at("/summary/confirmed").asBoolean());
            JsonNode confirmed = directory.get("/api/engines/" + id);
            assertThat(confirmed.at("/summary/status").asString()).isEqualTo("listed");
            assertThat(confirmed.path("stakeHistory")).isNotEmpty().allSatisfy(event ->
                    assertThat(event.path("confirmed").asBoolean()).isTrue());
        }
    }
}
