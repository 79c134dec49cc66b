package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.directory.support.Directory.await;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;

/**
 * Stopping the directory in the middle of a backfill and starting it again gives exactly the rows of an
 * uninterrupted run: nothing lost, nothing doubled. So does a backfill whose transactions stream many ranges.
 */
class RestartIT {
    private static final String ROWS = """
            select (select json_agg(e order by e.id)::text from engine e)
                || (select json_agg(c order by c.block_number, c.log_index)::text from chain_event c)""";

    @Test
    void resumesAStoppedBackfillWithNoLossAndNoDuplicates() throws Exception {
        try (TestChain chain = new TestChain()) {
            for (int n = 1; n <= 40; n++) {
                chain.register(1 + n % 5, SampleAdverts.advert("https://engine-" + n + ".example", n, 3), "1");
            }
            for (int id = 1; id <= 10; id++) { // engines changed again in blocks far from their registration
                chain.registry(1 + id % 5).addStake(BigInteger.valueOf(id), TestChain.ether("0.5")).send();
            }
            long head = chain.blockNumber();
            // two blocks a range and a transaction: the backfill takes many transactions, one to stop in the middle of
            Map<String, Object> slow = Map.of("picomesh.chain.max-block-range", 2, "picomesh.indexer.max-transaction-events", 1);

            TestDatabase.Database interrupted = TestDatabase.fresh();
            try (Directory first = Directory.start(chain.deployment, interrupted, slow)) {
                await("the backfill to get under way", Duration.ofSeconds(20), () -> checkpoint(first) > head / 3);
            }
            String partial;
            try (Directory second = Directory.start(chain.deployment, interrupted,
                    Map.of("picomesh.indexer.enabled", false))) {
                assertThat(checkpoint(second)).isLessThan(head);
                partial = second.jdbc().queryForObject("select count(*) from chain_event", Long.class).toString();
            }
            try (Directory resumed = Directory.start(chain.deployment, interrupted, slow);
                    Directory reference = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of());
                    // two blocks a range, every range in one transaction: rows carried from range to range
                    Directory streamed = Directory.start(chain.deployment, TestDatabase.fresh(),
                            Map.of("picomesh.chain.max-block-range", 2))) {
                await("all three to reach the head", Duration.ofSeconds(60), () -> checkpoint(resumed) >= head
                        && checkpoint(reference) >= head && checkpoint(streamed) >= head);
                assertThat(Long.parseLong(partial)).isLessThan(count(reference));
                assertThat(count(resumed)).isEqualTo(count(reference)).isGreaterThanOrEqualTo(40 * 2 + 10);
                String rows = reference.jdbc().queryForObject(ROWS, String.class);
                assertThat(resumed.jdbc().queryForObject(ROWS, String.class)).isEqualTo(rows);
                assertThat(streamed.jdbc().queryForObject(ROWS, String.class)).isEqualTo(rows);
                assertThat(reference.jdbc().queryForObject("select stake from engine where id = 1", BigDecimal.class))
                        .isEqualByComparingTo(TestChain.ether("1.5").toString());
            }
        }
    }

    private static long checkpoint(Directory directory) {
        List<Long> blocks = directory.jdbc().queryForList("select block_number from indexer_checkpoint", Long.class);
        return blocks.isEmpty() ? -1 : blocks.get(0);
    }

    private static long count(Directory directory) {
        return directory.jdbc().queryForObject("select count(*) from chain_event", Long.class);
    }
}
