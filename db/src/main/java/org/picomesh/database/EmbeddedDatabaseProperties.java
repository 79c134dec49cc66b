package org.picomesh.database;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is given.
 *
 * @param dataDir where its data lives (kept across restarts)
 * @param port its port; 0 picks a free one
 * @param poolSize connections in the pool
 * @param durable whether a commit survives a machine crash (fsync, synchronous commit, full page writes); off only
 *     in tests, where it saves time
 * @param orphanStopTimeout how long a server left running by a crashed run may take to stop cleanly before it is
 *     killed
 */
@ConfigurationProperties("picomesh.database")
public record EmbeddedDatabaseProperties(
        @DefaultValue(".mesh/postgres") Path dataDir, @DefaultValue("0") int port, @DefaultValue("20") int poolSize,
        @DefaultValue("true") boolean durable, @DefaultValue("30s") Duration orphanStopTimeout) {}
