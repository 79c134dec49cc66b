package org.picomesh.directory.indexer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows a transaction's events touch, loaded the first time an event names them and written once at the end:
 * the projector changes them in memory only, so rows touched again and again cost one read and one write.
 */
final class MarketState {
    final Map<Long, EngineRow> engines = new LinkedHashMap<>();
    final Map<Long, LeaseRow> leases = new LinkedHashMap<>();
    final Map<String, BigInteger> parameters = new LinkedHashMap<>();
    final Map<Long, TrustListRow> newLists = new LinkedHashMap<>();
    final List<TrustChange> trustChanges = new ArrayList<>();
    final Map<String, Long> parameterBlocks = new HashMap<>();
    final Map<String, String> parameterBlockHashes = new HashMap<>();
    /** Ids already looked up in the database, whether a row was there or not. */
    final Set<Long> lookedUpEngines = new HashSet<>();
    final Set<Long> lookedUpLeases = new HashSet<>();

    record TrustListRow(long id, String curator, String name, long sourceBlock, String sourceBlockHash) {}

    record TrustChange(long listId, long engineId, boolean trusted) {}

    EngineRow engine(long id) {
        return engines.computeIfAbsent(id, EngineRow::new);
    }

    LeaseRow lease(long id) {
        return leases.computeIfAbsent(id, LeaseRow::new);
    }
}
