package org.picomesh.directory.indexer;

import org.picomesh.directory.chain.ChainNode;
import org.picomesh.directory.chain.ChainProperties;
import org.picomesh.directory.chain.MarketContracts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration
class IndexerConfiguration {
    /**
     * The indexer; {@code picomesh.indexer.max-transaction-events} caps how many events one transaction streams
     * in (more means fewer writes of rows touched again and again, and more memory and time between commits).
     */
    @Bean
    Indexer indexer(ChainNode node, MarketContracts market, ChainProperties properties, EventStore events,
            MarketBatches batches, TransactionTemplate tx, IndexerStatus status,
            @Value("${picomesh.indexer.max-transaction-events:50000}") long maxTransactionEvents) {
        if (maxTransactionEvents < 1) {
            throw new IllegalArgumentException("picomesh.indexer.max-transaction-events must be at least 1, not "
                    + maxTransactionEvents);
        }
        return new Indexer(node, market, properties, events, batches, tx, status, maxTransactionEvents);
    }

    /** Off for read-only replicas and for tests that drive the indexer step by step. */
    @Bean
    @ConditionalOnProperty(name = "picomesh.indexer.enabled", havingValue = "true", matchIfMissing = true)
    IndexerRunner indexerRunner(Indexer indexer, IndexerLock lock, IndexerStatus status, ChainProperties properties) {
        return new IndexerRunner(indexer, lock, status, properties);
    }
}
