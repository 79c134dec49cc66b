package org.picomesh.directory.indexer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.picomesh.contracts.events.MarketLog;

/**
 * The rows a transaction's events touch, loaded the first time an event names them and written once at the end:
 * the projector changes them in memory only, so rows touched again and again cost one read and one write.
 * Every change goes through {@link #touchEngine} or {@link #touchLease}, which keep the row's undo image first.
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
    /** Changes in blocks above this one keep undo images; the rest are too deep for a reorganisation to drop. */
    long undoFloor = Long.MAX_VALUE;
    final UndoImages images = new UndoImages();

    record TrustListRow(long id, String curator, String name, long sourceBlock, String sourceBlockHash) {}

    record TrustChange(long listId, long engineId, boolean trusted) {}

    EngineRow engine(long id) {
        return engines.computeIfAbsent(id, EngineRow::new);
    }

    LeaseRow lease(long id) {
        return leases.computeIfAbsent(id, LeaseRow::new);
    }

    /** The engine row {@code e} is about to change, its image kept if {@code e} is its block's first change. */
    EngineRow touchEngine(MarketLog e, long id) {
        EngineRow row = engine(id);
        long block = e.blockNumber();
        if (block > undoFloor && row.imagedBlock != block) {
            images.engine(block, row);
            row.imagedBlock = block;
        }
        row.present = true;
        row.sourceBlock = block;
        row.sourceBlockHash = e.blockHash();
        return row;
    }

    /** The lease row {@code e} is about to change, its image kept if {@code e} is its block's first change. */
    LeaseRow touchLease(MarketLog e, long id) {
        LeaseRow row = lease(id);
        long block = e.blockNumber();
        if (block > undoFloor && row.imagedBlock != block) {
            images.lease(block, row);
            row.imagedBlock = block;
        }
        row.present = true;
        row.sourceBlock = block;
        row.sourceBlockHash = e.blockHash();
        return row;
    }
}
