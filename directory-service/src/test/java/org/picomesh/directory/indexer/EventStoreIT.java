package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.events.MarketLog;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import org.springframework.transaction.support.TransactionTemplate;

/** Events COPYed on the copy thread belong to the caller's transaction: they commit and roll back with it. */
class EventStoreIT {
    private static final String HASH = "0x" + "ab".repeat(32);

    @Test
    void aFailedCopyRollsBackTheWholeTransactionAndLeavesTheConnectionUsable() throws Exception {
        try (TestChain chain = new TestChain();
                Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(),
                        Map.of("picomesh.indexer.enabled", false))) {
            EventStore events = directory.bean(EventStore.class);
            TransactionTemplate tx = directory.bean(TransactionTemplate.class);

            assertThatThrownBy(() -> tx.executeWithoutResult(t -> {
                events.startInsert(copy(event(7, 0), event(7, 1)));
                events.finishInsert();
                events.startInsert(copy(event(7, 1))); // the same event again: the primary key refuses it
                events.finishInsert();
            })).hasMessageContaining("cannot store 1 events");
            assertThat(count(directory)).isZero();

            tx.executeWithoutResult(t -> {
                events.startInsert(copy(event(7, 0), event(7, 1)));
                events.finishInsert();
            });
            assertThat(count(directory)).isEqualTo(2);
        }
    }

    private static long count(Directory directory) {
        return directory.jdbc().queryForObject("select count(*) from chain_event", Long.class);
    }

    private static MarketLog event(long block, int index) {
        return new MarketLog("StakeAdded", Map.of("engineId", BigInteger.ONE, "stake", BigInteger.TEN), block, index,
                HASH, HASH);
    }

    private static EventCopy copy(MarketLog... logs) {
        return EventCopy.of(List.of(logs));
    }
}
