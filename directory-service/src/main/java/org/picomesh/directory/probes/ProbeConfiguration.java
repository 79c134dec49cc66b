package org.picomesh.directory.probes;

import io.micrometer.core.instrument.MeterRegistry;
import org.picomesh.contracts.endpoint.AddressResolver;
import org.picomesh.contracts.endpoint.EndpointGuard;
import org.picomesh.directory.indexer.IndexerStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration
@EnableConfigurationProperties(ProbeProperties.class)
class ProbeConfiguration {
    /** The probes' resolver: the system's, unless the application context holds another {@link AddressResolver}. */
    @Bean
    HttpProbe httpProbe(ProbeProperties properties, ObjectProvider<AddressResolver> resolver) {
        EndpointGuard guard = new EndpointGuard(properties.deniedRanges(), properties.allowLoopback(),
                resolver.getIfAvailable(() -> AddressResolver.SYSTEM));
        return new HttpProbe(guard, properties.timeout(), properties.maxResponseBytes());
    }

    /** Reads of what hosts report (a pico's policy and decisions), through the same guard as the probes. */
    @Bean
    HostDocuments hostDocuments(ProbeProperties properties, ObjectProvider<AddressResolver> resolver) {
        EndpointGuard guard = new EndpointGuard(properties.deniedRanges(), properties.allowLoopback(),
                resolver.getIfAvailable(() -> AddressResolver.SYSTEM));
        return new HostDocuments(guard, properties.timeout(), properties.maxResponseBytes());
    }

    @Bean
    @ConditionalOnProperty(name = "picomesh.probes.enabled", havingValue = "true", matchIfMissing = true)
    Prober prober(ProbeProperties properties, HttpProbe http, JdbcTemplate jdbc, TransactionTemplate transactions,
            ProbeStats stats, IndexerStatus indexer, MeterRegistry meters, ApplicationEventPublisher events) {
        return new Prober(properties, http, jdbc, new ProbeLedger(jdbc, transactions, stats), stats, indexer, meters,
                events);
    }
}
