package org.picomesh.directory.probes;

import io.micrometer.core.instrument.MeterRegistry;
import org.picomesh.directory.indexer.IndexerStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration
@EnableConfigurationProperties(ProbeProperties.class)
class ProbeConfiguration {
    @Bean
    @ConditionalOnProperty(name = "picomesh.probes.enabled", havingValue = "true", matchIfMissing = true)
    Prober prober(ProbeProperties properties, JdbcTemplate jdbc, ProbeSampleRepository samples, ProbeStats stats,
            IndexerStatus indexer, MeterRegistry meters) {
        return new Prober(properties, jdbc, samples, stats, indexer, meters);
    }
}
