package org.picomesh.directory.indexer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a batch of events touches, loaded before and written after the batch: the projector changes
 * them in memory only, so a batch costs one round of reads and one of batched writes.
 */
final class MarketState {
    final Map<Long, EngineRow> engines = new LinkedHashMap<>();
    final Map<Long, LeaseRow> leases = new LinkedHashMap<>();
    final Map<String, BigInteger> parameters = new LinkedHashMap<>();
    final Map<Long, TrustListRow> newLists = new LinkedHashMap<>();
    final List<TrustChange> trustChanges = new ArrayList<>();
    final Map<String, Long> parameterBlocks = new HashMap<>();
    final Map<String, String> parameterBlockHashes = new HashMap<>();

    record TrustListRow(long id, String curator, String name, long sourceBlock, String sourceBlockHash) {}

    record TrustChange(long listId, long engineId, boolean trusted) {}

    EngineRow engine(long id) {
        return engines.computeIfAbsent(id, EngineRow::new);
    }

    LeaseRow lease(long id) {
        return leases.computeIfAbsent(id, LeaseRow::new);
    }
}
