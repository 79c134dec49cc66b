package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.follow.ChainPosition;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An indexer whose lock session died while another instance took over can never write over the new indexer's
 * progress: its late checkpoint write is refused, and its runner steps down. Both instances are driven step by step,
 * so that the late write comes exactly after the takeover.
 */
class FencedTakeoverIT {
    private static final Map<String, Object> DRIVEN = Map.of("picomesh.indexer.enabled", false);

    @Test
    void anIndexerThatLostItsLockCannotWriteOverTheNewIndexersProgress() throws Exception {
        try (TestChain chain = new TestChain()) {
            TestDatabase.Database shared = TestDatabase.fresh();
            try (Directory first = Directory.start(chain.deployment, shared, DRIVEN);
                    Directory second = Directory.start(chain.deployment, shared, DRIVEN)) {
                long early = chain.register(1, SampleAdverts.advert("https://early.example", 1, 2), "1");
                assertThat(first.bean(IndexerLock.class).holdOrAcquire()).isTrue();
                assertThat(second.bean(IndexerLock.class).holdOrAcquire()).as("the lock is the first's").isFalse();
                indexToTheHead(first);
                ChainPosition firstsProgress = first.bean(EventStore.class).checkpoint().orElseThrow();

                // the first's lock session dies (a network cut, an administrator): the second takes over
                int killed = second.jdbc().queryForObject("""
                        select count(pg_terminate_backend(pid)) from pg_locks
                        where locktype = 'advisory' and granted and pid <> pg_backend_pid()""", Integer.class);
                assertThat(killed).isEqualTo(1);
                assertThat(second.bean(IndexerLock.class).holdOrAcquire()).as("the takeover").isTrue();
                long later = chain.register(2, SampleAdverts.advert("https://later.example", 2, 2), "1");
                indexToTheHead(second);
                ChainPosition secondsProgress = second.bean(EventStore.class).checkpoint().orElseThrow();
                assertThat(secondsProgress.number()).isGreaterThan(firstsProgress.number());

                // the first's write that was under way when its session died lands now, with its older position
                TransactionTemplate tx = first.bean(TransactionTemplate.class);
                assertThatThrownBy(() -> tx.executeWithoutResult(t -> first.bean(EventStore.class)
                        .saveCheckpoint(firstsProgress, firstsProgress.number(), -1)))
                        .isInstanceOf(FencedOffException.class);
                assertThatThrownBy(() -> IndexerSteps.step(first)).isInstanceOf(FencedOffException.class);
                assertThat(second.bean(EventStore.class).checkpoint()).contains(secondsProgress);
                assertThat(second.getRaw("/api/engines/" + later).statusCode()).isEqualTo(200);
                assertThat(second.getRaw("/api/engines/" + early).statusCode()).isEqualTo(200);

                // run as it would be, the first steps down and stands by; the second goes on indexing
                IndexerRunner runner = new IndexerRunner(first.bean(Indexer.class), first.bean(IndexerLock.class),
                        first.bean(IndexerStatus.class), first.bean(org.picomesh.directory.chain.ChainProperties.class));
                runner.start();
                try {
                    Directory.await("the first to stand by", java.time.Duration.ofSeconds(20),
                            () -> first.bean(IndexerStatus.class).role() == IndexerStatus.Role.STANDBY);
                } finally {
                    runner.stop();
                }
                long last = chain.register(3, SampleAdverts.advert("https://last.example", 3, 2), "1");
                indexToTheHead(second);
                assertThat(second.getRaw("/api/engines/" + last).statusCode()).isEqualTo(200);
            }
        }
    }

    private static void indexToTheHead(Directory directory) {
        for (int steps = 0; !IndexerSteps.step(directory); steps++) {
            assertThat(steps).as("steps to reach the head").isLessThan(100);
        }
    }
}
