package org.picomesh.directory.indexer;

import jakarta.annotation.PreDestroy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.picomesh.contracts.events.MarketLog;
import org.picomesh.contracts.follow.ChainPosition;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The indexer's log of events, the blocks it processed, and its checkpoint. */
@Component
class EventStore {
    private static final int REPLAY_PAGE = 5_000;
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).build();
    private static final TypeReference<Map<String, Object>> ARGS = new TypeReference<>() {};

    private final NamedParameterJdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Fence fence;
    /** Runs the indexer's COPYs, one at a time; the indexer's single writer thread starts and awaits them. */
    private final ExecutorService copier = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "indexer-copy");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> inserting;

    EventStore(NamedParameterJdbcTemplate jdbc, DataSource dataSource, Fence fence) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.fence = fence;
    }

    /**
     * Starts appending the events with COPY, the fastest way into PostgreSQL, on the transaction's connection but
     * from a thread of its own, so that the caller can fold the same events in memory meanwhile. Nothing else may
     * use the connection until {@link #finishInsert}.
     */
    void startInsert(EventCopy events) {
        finishInsert();
        if (events.count() == 0) {
            return;
        }
        // the transaction's connection, bound to this thread: released here, it stays open until the transaction ends
        Connection connection = DataSourceUtils.getConnection(dataSource);
        DataSourceUtils.releaseConnection(connection, dataSource);
        inserting = copier.submit(() -> {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy chain_event (" + EventCopy.COLUMNS
                        + ") from stdin (format binary)", new ByteArrayInputStream(events.bytes()));
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("cannot store " + events.count() + " events", e);
            }
        });
    }

    /** Waits for the COPY started last, if any, and rethrows its failure. */
    void finishInsert() {
        Future<?> running = inserting;
        inserting = null;
        if (running == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    running.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the COPY owns the connection until it ends: wait for it
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the copy thread; a COPY queued but not started is cancelled, so that no one waits for it forever. */
    @PreDestroy
    void stopCopier() {
        copier.shutdownNow().forEach(queued -> ((Future<?>) queued).cancel(false));
    }

    /** Replays every stored event in chain order, a page at a time. */
    void replay(Consumer<List<MarketLog>> page) {
        long afterBlock = -1;
        int afterIndex = -1;
        while (true) {
            List<MarketLog> events = jdbc.query("""
                    select block_number, log_index, block_hash, tx_hash, kind, payload::text as payload from chain_event
                    where (block_number, log_index) > (:block, :index) order by block_number, log_index limit :limit""",
                    new MapSqlParameterSource("block", afterBlock).addValue("index", afterIndex).addValue("limit", REPLAY_PAGE),
                    (rs, n) -> new MarketLog(rs.getString("kind"), args(rs.getString("payload")), rs.getLong("block_number"),
                            rs.getInt("log_index"), rs.getString("block_hash"), rs.getString("tx_hash")));
            if (events.isEmpty()) {
                return;
            }
            page.accept(events);
            MarketLog last = events.get(events.size() - 1);
            afterBlock = last.blockNumber();
            afterIndex = last.logIndex();
        }
    }

    /** Forgets every event and block above {@code block}: they belonged to a chain that was reorganised away. */
    int deleteAbove(long block) {
        var above = new MapSqlParameterSource("block", block);
        jdbc.update("delete from chain_block where number > :block", above);
        return jdbc.update("delete from chain_event where block_number > :block", above);
    }

    /** Keeps the hashes of the blocks the follower named, to find the common ancestor after a reorganisation. */
    void saveBlocks(List<ChainPosition> blocks) {
        jdbc.batchUpdate("""
                insert into chain_block (number, hash) values (:number, :hash)
                on conflict (number) do update set hash = excluded.hash""",
                blocks.stream().map(b -> new MapSqlParameterSource("number", b.number()).addValue("hash", b.hash()))
                        .toArray(SqlParameterSource[]::new));
    }

    /** The hash kept for block {@code number}, if one was. */
    Optional<String> blockHash(long number) {
        return jdbc.queryForList("select hash from chain_block where number = :number",
                new MapSqlParameterSource("number", number), String.class).stream().findFirst();
    }

    Optional<ChainPosition> checkpoint() {
        return jdbc.query("select block_number, block_hash from indexer_checkpoint where id = 1", (rs, n) ->
                new ChainPosition(rs.getLong("block_number"), rs.getString("block_hash"))).stream().findFirst();
    }

    /**
     * Records {@code block} as the last one indexed, and the confirmed head: every row from a block at or below it
     * is confirmed (the {@code engine_listing} and {@code confirmed_head} views). {@code uncoveredTo}: the highest
     * block whose changes this write kept no undo images of ({@link Undo}), -1 when none. Fenced: refused with
     * {@link FencedOffException} when another instance took over the indexer meanwhile.
     */
    void saveCheckpoint(ChainPosition block, long confirmedHead, long uncoveredTo) {
        fence.check();
        jdbc.update("""
                insert into indexer_checkpoint (id, block_number, block_hash, confirmed_block, undo_since, updated_at)
                values (1, :number, :hash, :confirmed, :uncovered, now())
                on conflict (id) do update set block_number = excluded.block_number, block_hash = excluded.block_hash,
                    confirmed_block = excluded.confirmed_block, updated_at = excluded.updated_at,
                    undo_since = greatest(indexer_checkpoint.undo_since, excluded.undo_since)""",
                new MapSqlParameterSource("number", block.number()).addValue("hash", block.hash())
                        .addValue("confirmed", confirmedHead).addValue("uncovered", uncoveredTo));
    }

    /** After a rebuild from the whole history: every block above {@code block} will have its undo images. */
    void undoSince(long block) {
        jdbc.update("update indexer_checkpoint set undo_since = :block", new MapSqlParameterSource("block", block));
    }

    /** Above this block, every block's changes can be undone from their images; -1 before the first checkpoint. */
    long undoSince() {
        return jdbc.query("select undo_since from indexer_checkpoint where id = 1", (rs, n) -> rs.getLong(1))
                .stream().findFirst().orElse(-1L);
    }

    /**
     * Moves the confirmed head while no new block is to be indexed; writes nothing when it did not move. Fenced like
     * the checkpoint, within the caller's transaction.
     */
    /** Moves the confirmed head; true when it moved. */
    boolean confirm(long confirmedHead) {
        fence.check();
        return 0 < jdbc.update("update indexer_checkpoint set confirmed_block = :confirmed where confirmed_block <> :confirmed",
                new MapSqlParameterSource("confirmed", confirmedHead));
    }

    private static Map<String, Object> args(String json) {
        try {
            return JSON.readValue(json, ARGS);
        } catch (JacksonException e) {
            throw new IllegalStateException("unreadable stored event", e);
        }
    }
}
