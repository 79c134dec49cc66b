package org.picomesh.directory.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Undoes a reorganisation's dropped blocks, at a cost that follows the rows those blocks changed, not the history.
 *
 * <p>Engine and lease rows are the many and often-changed ones: before the first change of each block to a row, the
 * projector keeps the row as it was (or that it did not exist) in {@code engine_undo} / {@code lease_undo}, for the
 * blocks a reorganisation may still drop (above the head less the follower's deepest reorg). A rewind to block A
 * takes, for each row, the image of its first change above A: the row as it was at A, exactly; a row that did not
 * exist then is deleted. The chain columns only are put back, so an engine keeps its measured figures. Images at or
 * below the deepest a reorganisation can reach are pruned as the index moves on.
 *
 * <p>Parameters and trust lists change rarely and as "the last event wins": the few the dropped blocks changed are
 * re-derived from their latest kept event at or below A ({@link RareRows}). A database indexed before undo images
 * were kept rebuilds from the whole history once, as before ({@code indexer_checkpoint.undo_since}).
 */
@Component
class Undo {
    private static final String LEASE_COLUMNS = "id, engine_id, pico, epoch, deposit, paid, price_per_hour, status,"
            + " opened_block, ended_block, moved_to, move_to, move_price, move_deadline, source_block, source_block_hash";
    private static final String INSERT_LEASE_IMAGE = """
            insert into lease_undo (block_number, existed, %s)
            values (:block, :existed, :id, :engineId, :pico, :epoch, :deposit, :paid, :price, :status, :openedBlock,
                :endedBlock, :movedTo, :moveTo, :movePrice, :moveDeadline, :sourceBlock, :sourceBlockHash)"""
            .formatted(LEASE_COLUMNS);

    private final NamedParameterJdbcTemplate jdbc;
    private final EngineRows engineRows;
    private final RareRows rareRows;

    Undo(NamedParameterJdbcTemplate jdbc, EngineRows engineRows, RareRows rareRows) {
        this.jdbc = jdbc;
        this.engineRows = engineRows;
        this.rareRows = rareRows;
    }

    /** Writes a transaction's images, within it. */
    void save(UndoImages images) {
        if (images.engineCount() > 0) {
            engineRows.copyImages(images.engineBytes());
        }
        if (!images.leases().isEmpty()) {
            jdbc.batchUpdate(INSERT_LEASE_IMAGE, images.leases().toArray(SqlParameterSource[]::new));
        }
    }

    /**
     * What a rewind put back: the engines whose rows were put back or deleted (those that lists must read again),
     * how many lease rows, and whether a market parameter or trust list was re-derived.
     */
    record Rewound(Set<Long> engines, int leases, boolean marketRows) {
        int rows() {
            return engines.size() + leases;
        }
    }

    /**
     * Puts every derived row back as it was at block {@code ancestor}, before the events above it are deleted (the
     * rare rows are found from them).
     */
    Rewound rewind(long ancestor) {
        var above = new MapSqlParameterSource("block", ancestor);
        List<Long> engines = restore("engine", EngineRows.updates("u"), above);
        List<Long> leases = restore("lease", leaseUpdates(), above);
        boolean marketRows = rareRows.rewind(ancestor);
        return new Rewound(Set.copyOf(engines), leases.size(), marketRows);
    }

    /** Forgets the images of blocks at or below {@code block}: no reorganisation can drop them any more. */
    void prune(long block) {
        var below = new MapSqlParameterSource("block", block);
        jdbc.update("delete from engine_undo where block_number <= :block", below);
        jdbc.update("delete from lease_undo where block_number <= :block", below);
    }

    /** Forgets every image above {@code block}: their blocks are gone. */
    void forgetAbove(long block) {
        var above = new MapSqlParameterSource("block", block);
        jdbc.update("delete from engine_undo where block_number > :block", above);
        jdbc.update("delete from lease_undo where block_number > :block", above);
    }

    /** Puts back or deletes the rows the images above the block name; returns their ids. */
    private List<Long> restore(String table, String updates, MapSqlParameterSource above) {
        String first = "select distinct on (id) * from " + table + "_undo where block_number > :block"
                + " order by id, block_number";
        List<Long> ids = new ArrayList<>(jdbc.queryForList("with u as (" + first + ") update " + table
                + " t set " + updates + " from u where t.id = u.id and u.existed returning t.id", above, Long.class));
        ids.addAll(jdbc.queryForList("delete from " + table + " t using (" + first + ") u where t.id = u.id"
                + " and not u.existed returning t.id", above, Long.class));
        jdbc.update("delete from " + table + "_undo where block_number > :block", above);
        return ids;
    }

    private static String leaseUpdates() {
        StringBuilder set = new StringBuilder();
        for (String column : LEASE_COLUMNS.split(",")) {
            String name = column.strip();
            if (!name.equals("id")) {
                set.append(set.isEmpty() ? "" : ", ").append(name).append(" = u.").append(name);
            }
        }
        return set.toString();
    }
}
