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

/** Two instances on one database: one indexes, both serve, and the other takes over when the indexer stops. */
class ReplicasIT {
    @Test
    void exactlyOneInstanceIndexesAndAnotherTakesOverWhenItStops() throws Exception {
        try (TestChain chain = new TestChain()) {
            TestDatabase.Database shared = TestDatabase.fresh();
            Directory first = Directory.start(chain.deployment, shared, Map.of());
            try (Directory second = Directory.start(chain.deployment, shared, Map.of())) {
                await("one indexer and one standby", Duration.ofSeconds(20), () -> roles(first, second).equals("indexing+standby"));

                long engine = chain.register(1, SampleAdverts.advert("https://shared.example", 1, 2), "1");
                await("both to serve the engine", Duration.ofSeconds(20), () -> first.getRaw("/api/engines/" + engine).statusCode() == 200
                        && second.getRaw("/api/engines/" + engine).statusCode() == 200);

                first.close();
                await("the standby to take over", Duration.ofSeconds(20), () -> role(second).equals("indexing"));
                long later = chain.register(2, SampleAdverts.advert("https://later.example", 2, 2), "1");
                await("the new indexer to index", Duration.ofSeconds(20), () -> second.getRaw("/api/engines/" + later).statusCode() == 200);
                assertThat(second.jdbc().queryForObject(
                        "select count(*) from chain_event where kind = 'EngineRegistered'", Long.class)).isEqualTo(2);
            } finally {
                first.close();
            }
        }
    }

    private static String roles(Directory a, Directory b) {
        String ra = role(a);
        String rb = role(b);
        return ra.compareTo(rb) < 0 ? ra + "+" + rb : rb + "+" + ra;
    }

    private static String role(Directory directory) {
        return directory.get("/api/stats").path("indexerRole").asText();
    }
}
