package org.picomesh.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is given.
 *
 * @param dataDir where its data lives (kept across restarts)
 * @param port its port; 0 picks a free one
 * @param poolSize connections in the pool
 */
@ConfigurationProperties("picomesh.database")
public record EmbeddedDatabaseProperties(
        @DefaultValue(".mesh/postgres") Path dataDir, @DefaultValue("0") int port, @DefaultValue("20") int poolSize) {}
