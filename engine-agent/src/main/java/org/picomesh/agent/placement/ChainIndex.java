package org.picomesh.agent.placement;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.picomesh.agent.follow.ChainFollowed;
import org.picomesh.agent.follow.FollowState;
import org.picomesh.contracts.follow.ChainPosition;
import org.picomesh.contracts.placement.Candidate;
import org.picomesh.contracts.placement.EngineStatus;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every engine as placement sees it, from the chain alone (the adverts and registry state the follower kept), held
 * in memory so that a choice scores a policy without a query: re-read after the follower has applied new blocks.
 * Strings come from strangers' adverts; an absurdly long endpoint or region is cut ({@link #MAX_TEXT}), never trusted.
 */
@Component
class ChainIndex {
    static final int MAX_TEXT = 2048;

    /** The engines and trust lists as of block {@code at} (whose hash is {@code atHash}: a reorganisation may replace it). */
    record Snapshot(long at, String atHash, List<Candidate> engines, Map<Long, Set<Long>> trustLists) {
        Set<Long> trusted(long listId) {
            return trustLists.getOrDefault(listId, Set.of());
        }
    }

    private final JdbcTemplate jdbc;
    private final FollowState follow;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    ChainIndex(JdbcTemplate jdbc, FollowState follow) {
        this.jdbc = jdbc;
        this.follow = follow;
    }

    /** The index as of the follower's latest block (read now if it has not been read since that block). */
    Snapshot snapshot() {
        Snapshot snapshot = current.get();
        return snapshot != null ? snapshot : refresh();
    }

    @EventListener
    void followed(ChainFollowed followed) {
        Snapshot snapshot = current.get();
        ChainPosition at = follow.position().orElse(null);
        if (snapshot == null || at != null && (snapshot.at() != at.number() || !at.hash().equals(snapshot.atHash()))) {
            refresh();
        }
    }

    Snapshot refresh() {
        ChainPosition at = follow.position().orElse(null); // null before the first block is followed
        BigInteger minStake = jdbc.query("select value from market_parameter where name = 'minStake'"
                + " order by block_number desc, log_index desc limit 1", (rs, n) -> rs.getBigDecimal(1).toBigIntegerExact())
                .stream().findFirst().orElse(BigInteger.ZERO);
        List<Candidate> engines = jdbc.query("""
                select a.engine_id, a.endpoint, a.region, a.price_per_hour, a.latency_ms, a.capacity,
                    s.stake, s.unbonding, s.slashed, s.halted, s.active_leases
                from (select distinct on (engine_id) * from market_advert
                      order by engine_id, block_number desc, log_index desc) a
                join (select distinct on (engine_id) * from market_engine_state
                      order by engine_id, block_number desc, log_index desc) s using (engine_id)
                order by a.engine_id""",
                (rs, n) -> new Candidate(rs.getLong("engine_id"),
                        EngineStatus.of(wei(rs.getBigDecimal("stake")), wei(rs.getBigDecimal("unbonding")),
                                rs.getBoolean("halted"), wei(rs.getBigDecimal("slashed")), minStake),
                        bounded(rs.getString("endpoint")), bounded(rs.getString("region")),
                        wei(rs.getBigDecimal("price_per_hour")), wei(rs.getBigDecimal("stake")),
                        Math.max(0, rs.getLong("capacity") - rs.getInt("active_leases")), rs.getLong("latency_ms"),
                        null, null));
        Map<Long, Set<Long>> lists = new HashMap<>();
        jdbc.query("""
                select distinct on (list_id, engine_id) list_id, engine_id, trusted from market_trust
                order by list_id, engine_id, block_number desc, log_index desc""", rs -> {
            if (rs.getBoolean("trusted")) {
                lists.computeIfAbsent(rs.getLong("list_id"), id -> new HashSet<>()).add(rs.getLong("engine_id"));
            }
        });
        Snapshot snapshot = new Snapshot(at == null ? -1 : at.number(), at == null ? "" : at.hash(), List.copyOf(engines), Map.copyOf(lists));
        current.set(snapshot);
        return snapshot;
    }

    private static BigInteger wei(BigDecimal value) {
        return value.toBigIntegerExact();
    }

    private static String bounded(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
