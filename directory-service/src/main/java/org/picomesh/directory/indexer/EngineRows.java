package org.picomesh.directory.indexer;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes a transaction's engine rows in at most three statements, whatever their number: new engines are copied
 * ({@link BinaryCopy}) straight into the table; changed ones are copied into a temporary table and updated from it in one statement.
 * Only the columns derived from the chain are written; the measured ones stay as they were.
 */
@Component
class EngineRows {
    static final String COLUMNS = "id, operator, endpoint, did, region, metadata_cid, price_per_hour, latency_ms,"
            + " capacity, advert_hash, stake, unbonding, unlock_at, slashed, active_leases, challenge_deadline,"
            + " registered_block, source_block, source_block_hash, agent, payout, pending_operator, encryption_key,"
            + " halted, epoch, open_challenges, advert";

    private final DataSource dataSource;

    EngineRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void write(Collection<EngineRow> rows) {
        List<EngineRow> added = rows.stream().filter(e -> !e.stored).toList();
        List<EngineRow> changed = rows.stream().filter(e -> e.stored).toList();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement()) {
            if (!added.isEmpty()) {
                copy(connection, "engine", added);
            }
            if (!changed.isEmpty()) {
                statement.execute("create temporary table if not exists engine_batch"
                        + " (like engine including defaults) on commit delete rows");
                copy(connection, "engine_batch", changed);
                statement.executeUpdate("update engine e set " + updates("b") + " from engine_batch b where e.id = b.id");
                statement.execute("truncate engine_batch");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot write " + rows.size() + " engine rows", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void copy(Connection connection, String table, List<EngineRow> rows)
            throws SQLException, IOException {
        copy(connection, "copy " + table + " (" + COLUMNS + ") from stdin (format binary)", binary(rows));
    }

    /** Copies undo images made with {@link #image} into {@code engine_undo}. */
    void copyImages(byte[] images) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            copy(connection, "copy engine_undo (block_number, existed, " + COLUMNS + ") from stdin (format binary)",
                    images);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot keep the engines' undo images", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void copy(Connection connection, String copy, byte[] rows) throws SQLException, IOException {
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(rows));
    }

    /** The row as it is, before {@code block} changes it, as a row of {@code engine_undo}. */
    static void image(BinaryCopy copy, long block, EngineRow e) {
        fields(copy.row(29).bigint(block).bool(e.present), e);
    }

    /** {@code column = <alias>.column} for every column the chain sets but the id. */
    static String updates(String alias) {
        StringBuilder set = new StringBuilder();
        for (String column : COLUMNS.split(",")) {
            String name = column.strip();
            if (!name.equals("id")) {
                set.append(set.isEmpty() ? "" : ", ").append(name).append(" = ").append(alias).append('.').append(name);
            }
        }
        return set.toString();
    }

    private static byte[] binary(Collection<EngineRow> rows) {
        BinaryCopy copy = new BinaryCopy(rows.size() * 560);
        for (EngineRow e : rows) {
            fields(copy.row(27), e);
        }
        return copy.finish();
    }

    private static void fields(BinaryCopy copy, EngineRow e) {
        copy.bigint(e.id).text(e.operator).text(e.endpoint).text(e.did).text(e.region).text(e.metadataCid)
                .numeric(e.pricePerHour).bigint(e.latencyMs).bigint(e.capacity).text(e.advertHash)
                .numeric(e.stake).numeric(e.unbonding).nullableBigint(e.unlockAt).numeric(e.slashed)
                .integer(e.activeLeases).nullableBigint(e.challengeDeadline).bigint(e.registeredBlock)
                .bigint(e.sourceBlock).text(e.sourceBlockHash).text(e.agent).text(e.payout)
                .nullableText(e.pendingOperator).text(e.encryptionKey).bool(e.halted).integer(e.epoch)
                .integer(e.openChallenges).bytea(e.advert);
    }
}
