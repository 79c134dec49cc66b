package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.directory.support.Directory.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TcpProxy;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;

/** The chain node goes away and comes back: health says so meanwhile, and the index catches up by itself. */
class NodeOutageIT {
    @Test
    void reportsDegradedWhileTheNodeIsAwayAndRecoversByItself() throws Exception {
        try (TestChain chain = new TestChain(); TcpProxy proxy = new TcpProxy(chain.anvil.port())) {
            Deployment viaProxy = new Deployment(chain.deployment.chainId(), proxy.url(), chain.deployment.registry(),
                    chain.deployment.escrow(), chain.deployment.deploymentBlock());
            try (Directory directory = Directory.start(viaProxy, TestDatabase.fresh(),
                    Map.of("management.endpoint.health.show-details", "always"))) {
                long first = chain.register(1, SampleAdverts.advert("https://before.example", 1, 2), "1");
                await("the first engine", Duration.ofSeconds(20), () -> directory.getRaw("/api/engines/" + first).statusCode() == 200);
                assertThat(directory.get("/actuator/health").path("status").asText()).isEqualTo("UP");

                proxy.cut();
                long second = chain.register(2, SampleAdverts.advert("https://during.example", 2, 2), "1");
                await("health to report the node away", Duration.ofSeconds(20), () -> {
                    var indexer = directory.get("/actuator/health").at("/components/indexer");
                    return indexer.path("status").asText().equals("DEGRADED")
                            && indexer.at("/details/chainNode").asText().equals("away");
                });
                assertThat(directory.getRaw("/api/engines/" + first).statusCode()).as("reads still served").isEqualTo(200);

                proxy.restore();
                await("the index to catch up", Duration.ofSeconds(30), () -> directory.getRaw("/api/engines/" + second).statusCode() == 200);
                await("health to recover", Duration.ofSeconds(10),
                        () -> directory.get("/actuator/health").path("status").asText().equals("UP"));
            }
        }
    }
}
