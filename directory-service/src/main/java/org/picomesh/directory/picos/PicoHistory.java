package org.picomesh.directory.picos;

import java.util.List;
import org.picomesh.directory.api.Metric;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** A pico's leases and the moves asked of them, as indexed. */
@Component
class PicoHistory {
    /** A move away from a lease that waits for the target engine's agent until {@code deadline} (unix time). */
    record PendingMove(long toEngineId, String toEndpoint, Metric pricePerHour, long deadline) {}

    /** One lease of the pico: where it lived, how it ended, and the move pending from it, if any. */
    record Stay(long leaseId, long engineId, String endpoint, String status, Metric deposit, Metric paid,
            Metric pricePerHour, long openedBlock, Long endedBlock, Long movedToLease, PendingMove pendingMove,
            boolean confirmed) {}

    /** A move event: requested, accepted, rejected (with the target's reason), expired or cancelled. */
    record Move(String kind, long block, long leaseId, Long toEngineId, Long toLeaseId, String reason,
            boolean confirmed) {}

    private final NamedParameterJdbcTemplate jdbc;

    PicoHistory(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Stay> stays(String address) {
        return jdbc.query("""
                select l.*, e.endpoint, t.endpoint as move_endpoint, l.source_block <= c.block as confirmed
                from lease l left join engine e on e.id = l.engine_id left join engine t on t.id = l.move_to,
                    confirmed_head c
                where l.pico = :pico order by l.id""", new MapSqlParameterSource("pico", address),
                (rs, n) -> new Stay(rs.getLong("id"), rs.getLong("engine_id"), rs.getString("endpoint"),
                        rs.getString("status"), wei(rs.getBigDecimal("deposit")), wei(rs.getBigDecimal("paid")),
                        Metric.onchain(rs.getBigDecimal("price_per_hour").toPlainString(), "wei/pico-hour"),
                        rs.getLong("opened_block"), rs.getObject("ended_block", Long.class),
                        rs.getObject("moved_to", Long.class),
                        rs.getObject("move_to") == null ? null : new PendingMove(rs.getLong("move_to"),
                                rs.getString("move_endpoint"),
                                Metric.onchain(rs.getBigDecimal("move_price").toPlainString(), "wei/pico-hour"),
                                rs.getLong("move_deadline")),
                        rs.getBoolean("confirmed")));
    }

    /** The moves asked of these leases, oldest first (kinds as literals: the partial index chain_event_moves, V4). */
    List<Move> moves(List<Stay> stays) {
        Long[] leaseIds = stays.stream().map(Stay::leaseId).toArray(Long[]::new);
        return jdbc.query("""
                select e.kind, e.block_number, e.lease_id, e.block_number <= c.block as confirmed,
                    e.payload->>'toEngineId' as to_engine, e.payload->>'toLeaseId' as to_lease,
                    e.payload->>'reason' as reason
                from chain_event e, confirmed_head c
                where e.lease_id = any(:ids) and e.kind in ('MoveRequested', 'MoveAccepted', 'MoveRejected',
                    'MoveExpired', 'MoveCancelled')
                order by e.block_number, e.log_index""", new MapSqlParameterSource("ids", leaseIds),
                (rs, n) -> new Move(rs.getString("kind"), rs.getLong("block_number"), rs.getLong("lease_id"),
                        number(rs.getString("to_engine")), number(rs.getString("to_lease")), rs.getString("reason"),
                        rs.getBoolean("confirmed")));
    }

    private static Metric wei(java.math.BigDecimal amount) {
        return Metric.onchain(amount.toPlainString(), "wei");
    }

    private static Long number(String text) {
        return text == null ? null : Long.valueOf(text);
    }
}
