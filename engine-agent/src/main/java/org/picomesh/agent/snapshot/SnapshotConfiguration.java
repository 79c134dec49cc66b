package org.picomesh.agent.snapshot;

import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The snapshot store, the fetcher and the {@link Snapshots} they make up, for the agent daemon. */
@Configuration
@EnableConfigurationProperties(SnapshotProperties.class)
class SnapshotConfiguration {

    @Bean
    SnapshotStore snapshotStore(SnapshotProperties properties, Environment environment) {
        Path dir = properties.dir();
        if (dir == null) {
            Path deployment = Path.of(environment.getProperty("picomesh.agent.deployment-file",
                    ".mesh/deployment.json")).toAbsolutePath();
            dir = deployment.getParent().resolve("agent-" + environment.getProperty("picomesh.agent.engine-id", "0")
                    + "-snapshots");
        }
        return new SnapshotStore(dir);
    }

    @Bean
    SnapshotFetcher snapshotFetcher(SnapshotProperties properties) {
        return new SnapshotFetcher(properties.maxFetchSize().toBytes(), properties.fetchTimeout());
    }

    @Bean
    Snapshots snapshots(SnapshotStore store, SnapshotFetcher fetcher) {
        return new Snapshots(store, fetcher);
    }
}
