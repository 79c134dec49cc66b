package org.picomesh.directory.indexer;

import java.time.Duration;
import org.picomesh.contracts.follow.Backoff;
import org.picomesh.contracts.follow.FollowSettings;
import org.picomesh.contracts.follow.LogFollower;
import org.picomesh.contracts.follow.ReadAhead;
import org.picomesh.directory.chain.ChainProperties;
import org.picomesh.directory.chain.MarketContracts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.Web3j;

@Configuration
class IndexerConfiguration {
    /**
     * Two readers, ten ranges ahead, each aimed at about 5,000 events: big enough to batch well, small enough to
     * overlap reading and writing; while the node serialises one answer, the other is decoded.
     */
    static final ReadAhead READ_AHEAD = new ReadAhead(2, 10, 5_000);
    /** How far below a lost checkpoint to look for a block still on the chain. */
    private static final int MAX_REORG_DEPTH = 1_000;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    /**
     * The shared follower, reading up to the head: the directory shows new rows at once, as pending until
     * {@code picomesh.chain.confirmations} deep (the {@link Indexer} counts them). Each range's COPY bytes are
     * made by the thread that read it.
     */
    @Bean(destroyMethod = "close")
    LogFollower marketFollower(Web3j web3j, MarketContracts market, ChainProperties properties, EventStore events) {
        Duration max = properties.maxBackoff();
        Backoff backoff = new Backoff(properties.maxAttempts(), FIRST_BACKOFF.compareTo(max) < 0 ? FIRST_BACKOFF : max,
                max);
        FollowSettings settings = new FollowSettings(market.registry(), market.escrow(), market.startBlock(), 0,
                properties.maxBlockRange(), MAX_REORG_DEPTH, backoff, READ_AHEAD);
        return new LogFollower(web3j, settings, events::blockHash, EventCopy::of);
    }

    /**
     * The indexer; {@code picomesh.indexer.max-transaction-events} caps how many events one transaction streams
     * in (more means fewer writes of rows touched again and again, and more memory and time between commits).
     */
    @Bean
    Indexer indexer(LogFollower follower, ChainProperties properties, EventStore events, MarketBatches batches,
            Undo undo, TransactionTemplate tx, IndexerStatus status, ApplicationEventPublisher publisher,
            @Value("${picomesh.indexer.max-transaction-events:50000}") long maxTransactionEvents) {
        if (maxTransactionEvents < 1) {
            throw new IllegalArgumentException("picomesh.indexer.max-transaction-events must be at least 1, not "
                    + maxTransactionEvents);
        }
        return new Indexer(follower, properties, events, batches, undo, tx, status, maxTransactionEvents,
                MAX_REORG_DEPTH, publisher);
    }

    /** Off for read-only replicas and for tests that drive the indexer step by step. */
    @Bean
    @ConditionalOnProperty(name = "picomesh.indexer.enabled", havingValue = "true", matchIfMissing = true)
    IndexerRunner indexerRunner(Indexer indexer, IndexerLock lock, IndexerStatus status, ChainProperties properties) {
        return new IndexerRunner(indexer, lock, status, properties);
    }
}
