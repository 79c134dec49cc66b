package org.picomesh.directory.indexer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/** Reads the rows a batch touches and writes them back, in batches, within the indexer's transaction. */
@Component
class ProjectionStore {
    private static final String UPSERT_LEASE = """
            insert into lease (id, engine_id, pico, epoch, deposit, paid, price_per_hour, status, opened_block,
                ended_block, moved_to, move_to, move_price, move_deadline, source_block, source_block_hash)
            values (:id, :engineId, :pico, :epoch, :deposit, :paid, :price, :status, :openedBlock, :endedBlock,
                :movedTo, :moveTo, :movePrice, :moveDeadline, :sourceBlock, :sourceBlockHash)
            on conflict (id) do update set engine_id = excluded.engine_id, pico = excluded.pico,
                epoch = excluded.epoch, deposit = excluded.deposit, paid = excluded.paid,
                price_per_hour = excluded.price_per_hour, status = excluded.status,
                opened_block = excluded.opened_block, ended_block = excluded.ended_block,
                moved_to = excluded.moved_to, move_to = excluded.move_to, move_price = excluded.move_price,
                move_deadline = excluded.move_deadline, source_block = excluded.source_block,
                source_block_hash = excluded.source_block_hash""";

    private final NamedParameterJdbcTemplate jdbc;
    private final EngineRows engineRows;
    private final Undo undo;

    ProjectionStore(NamedParameterJdbcTemplate jdbc, EngineRows engineRows, Undo undo) {
        this.jdbc = jdbc;
        this.engineRows = engineRows;
        this.undo = undo;
    }

    private static MapSqlParameterSource ids(Collection<Long> ids) {
        return new MapSqlParameterSource("ids", ids.toArray(Long[]::new));
    }

    /** Loads the rows of the ids not looked up yet in this transaction. */
    void load(MarketState state, Collection<Long> engineIds, Collection<Long> leaseIds) {
        engineIds = notYet(engineIds, state.lookedUpEngines);
        leaseIds = notYet(leaseIds, state.lookedUpLeases);
        if (!engineIds.isEmpty()) {
            jdbc.query("select * from engine where id = any(:ids)", ids(engineIds),
                    (ResultSet rs) -> { state.engines.put(rs.getLong("id"), engine(rs)); });
        }
        if (!leaseIds.isEmpty()) {
            jdbc.query("select * from lease where id = any(:ids)", ids(leaseIds),
                    (ResultSet rs) -> { state.leases.put(rs.getLong("id"), lease(rs)); });
        }
    }

    /** The ids not in {@code lookedUp}, which from now on holds them too. */
    private static List<Long> notYet(Collection<Long> ids, Set<Long> lookedUp) {
        List<Long> fresh = new ArrayList<>();
        for (Long id : ids) {
            if (lookedUp.add(id)) {
                fresh.add(id);
            }
        }
        return fresh;
    }

    void save(MarketState state) {
        engineRows.write(state.engines.values());
        undo.save(state.images);
        jdbc.batchUpdate(UPSERT_LEASE, state.leases.values().stream()
                .map(ProjectionStore::leaseParams).toArray(SqlParameterSource[]::new));
        state.newLists.values().forEach(list -> jdbc.update("""
                insert into trust_list (id, curator, name, source_block, source_block_hash)
                values (:id, :curator, :name, :block, :hash)""", new MapSqlParameterSource("id", list.id())
                .addValue("curator", list.curator()).addValue("name", list.name())
                .addValue("block", list.sourceBlock()).addValue("hash", list.sourceBlockHash())));
        state.trustChanges.forEach(change -> jdbc.update(change.trusted()
                ? "insert into trust_list_engine (list_id, engine_id) values (:list, :engine) on conflict do nothing"
                : "delete from trust_list_engine where list_id = :list and engine_id = :engine",
                new MapSqlParameterSource("list", change.listId()).addValue("engine", change.engineId())));
        state.parameters.forEach((name, value) -> jdbc.update("""
                insert into market_parameter (name, value, source_block, source_block_hash)
                values (:name, :value, :block, :hash)
                on conflict (name) do update set value = excluded.value, source_block = excluded.source_block,
                    source_block_hash = excluded.source_block_hash""",
                new MapSqlParameterSource("name", name).addValue("value", new BigDecimal(value))
                        .addValue("block", state.parameterBlocks.get(name))
                        .addValue("hash", state.parameterBlockHashes.get(name))));
    }

    /** Empties every table derived from chain events, before they are replayed. */
    void clear() {
        jdbc.getJdbcTemplate().execute("truncate engine, lease, trust_list, trust_list_engine, market_parameter");
    }

    static MapSqlParameterSource leaseParams(LeaseRow l) {
        return new MapSqlParameterSource("id", l.id).addValue("engineId", l.engineId).addValue("pico", l.pico)
                .addValue("epoch", l.epoch).addValue("deposit", decimal(l.deposit)).addValue("paid", decimal(l.paid))
                .addValue("price", decimal(l.pricePerHour)).addValue("moveTo", l.moveTo)
                .addValue("movePrice", l.movePrice == null ? null : decimal(l.movePrice))
                .addValue("moveDeadline", l.moveDeadline)
                .addValue("status", l.status).addValue("openedBlock", l.openedBlock)
                .addValue("endedBlock", l.endedBlock).addValue("movedTo", l.movedTo)
                .addValue("sourceBlock", l.sourceBlock).addValue("sourceBlockHash", l.sourceBlockHash);
    }

    private static EngineRow engine(ResultSet rs) throws SQLException {
        EngineRow e = new EngineRow(rs.getLong("id"));
        e.operator = rs.getString("operator");
        e.endpoint = rs.getString("endpoint");
        e.did = rs.getString("did");
        e.region = rs.getString("region");
        e.metadataCid = rs.getString("metadata_cid");
        e.pricePerHour = integer(rs, "price_per_hour");
        e.latencyMs = rs.getLong("latency_ms");
        e.capacity = rs.getLong("capacity");
        e.advertHash = rs.getString("advert_hash");
        e.advert = rs.getBytes("advert");
        e.stake = integer(rs, "stake");
        e.unbonding = integer(rs, "unbonding");
        e.unlockAt = rs.getObject("unlock_at", Long.class);
        e.slashed = integer(rs, "slashed");
        e.activeLeases = rs.getInt("active_leases");
        e.challengeDeadline = rs.getObject("challenge_deadline", Long.class);
        e.agent = rs.getString("agent");
        e.payout = rs.getString("payout");
        e.pendingOperator = rs.getString("pending_operator");
        e.encryptionKey = rs.getString("encryption_key");
        e.halted = rs.getBoolean("halted");
        e.epoch = rs.getInt("epoch");
        e.openChallenges = rs.getInt("open_challenges");
        e.registeredBlock = rs.getLong("registered_block");
        e.sourceBlock = rs.getLong("source_block");
        e.sourceBlockHash = rs.getString("source_block_hash");
        e.stored = true;
        e.present = true;
        return e;
    }

    private static LeaseRow lease(ResultSet rs) throws SQLException {
        LeaseRow l = new LeaseRow(rs.getLong("id"));
        l.engineId = rs.getLong("engine_id");
        l.pico = rs.getString("pico");
        l.epoch = rs.getInt("epoch");
        l.deposit = integer(rs, "deposit");
        l.paid = integer(rs, "paid");
        l.moveTo = rs.getObject("move_to", Long.class);
        l.movePrice = rs.getBigDecimal("move_price") == null ? null : integer(rs, "move_price");
        l.moveDeadline = rs.getObject("move_deadline", Long.class);
        l.pricePerHour = integer(rs, "price_per_hour");
        l.status = rs.getString("status");
        l.openedBlock = rs.getLong("opened_block");
        l.endedBlock = rs.getObject("ended_block", Long.class);
        l.movedTo = rs.getObject("moved_to", Long.class);
        l.sourceBlock = rs.getLong("source_block");
        l.sourceBlockHash = rs.getString("source_block_hash");
        l.present = true;
        return l;
    }

    private static BigDecimal decimal(BigInteger value) {
        return new BigDecimal(value);
    }

    private static BigInteger integer(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column).toBigIntegerExact();
    }
}
