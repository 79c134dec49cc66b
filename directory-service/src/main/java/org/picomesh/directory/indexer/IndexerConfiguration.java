package org.picomesh.directory.indexer;

import org.picomesh.directory.chain.ChainNode;
import org.picomesh.directory.chain.ChainProperties;
import org.picomesh.directory.chain.MarketContracts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration
class IndexerConfiguration {
    @Bean
    Indexer indexer(ChainNode node, MarketContracts market, ChainProperties properties, EventStore events,
            MarketBatches batches, TransactionTemplate tx, IndexerStatus status) {
        return new Indexer(node, market, properties, events, batches, tx, status);
    }

    /** Off for read-only replicas and for tests that drive the indexer step by step. */
    @Bean
    @ConditionalOnProperty(name = "picomesh.indexer.enabled", havingValue = "true", matchIfMissing = true)
    IndexerRunner indexerRunner(Indexer indexer, IndexerLock lock, IndexerStatus status, ChainProperties properties) {
        return new IndexerRunner(indexer, lock, status, properties);
    }
}
