package org.picomesh.directory.engines;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.picomesh.contracts.PicoDid;
import org.picomesh.directory.api.Metric;
import org.picomesh.directory.api.NotFoundException;
import org.picomesh.directory.chain.ChainIdentity;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Everything known about one engine: its advert, stake history, challenges, slashes, leases and probes. */
@Component
class EngineDetails {
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).build();
    /** The kinds of events an engine's page shows: those the index chain_event_engine_history covers (V3). */
    static final List<String> STAKE_EVENTS = List.of("EngineRegistered", "StakeAdded", "UnbondRequested",
            "StakeWithdrawn", "EngineSlashed", "EngineHalted", "EngineResumed");
    static final List<String> KEY_EVENTS = List.of("AgentChanged", "PayoutAddressChanged", "OperatorTransferred");
    static final List<String> CHALLENGE_EVENTS = List.of("ChallengeOpened", "ChallengeAnswered", "ChallengeExecuted");
    private static final int MAX_SAMPLES = 2_000;

    /**
     * @param advertEncoded the advert's exact bytes as the chain hashed them ({@code abi.encode(advert)}, hex): its
     *     strings whole, NUL included, where the summary's text shows U+FFFD
     * @param advertVerified whether {@code advertEncoded} hashes to {@code advertHash}
     */
    record Engine(EngineSummary summary, Map<String, String> provenance, String advertHash, String advertEncoded,
            boolean advertVerified, String metadataCid, String encryptionKey, Keys keys, boolean halted, Metric unbonding, Long unlockAt, Metric slashed,
            int openChallenges, Long challengeDeadline, long registeredBlock, long sourceBlock, String sourceBlockHash,
            Map<String, Metric> measured, List<ChainEvent> stakeHistory, List<ChainEvent> challenges,
            List<ChainEvent> keyChanges, List<Lease> activeLeases, List<TrustList> trustLists, List<ProbeSample> probes) {}

    /** The engine's keys: the operator (cold), the agent (hot; the operator while unset), where earnings go. */
    record Keys(String operator, String agent, String payout, String pendingOperator) {}

    record ChainEvent(long block, String txHash, String kind, boolean confirmed, Map<String, Object> args) {}

    /** A lease the engine holds; a move away from it may be pending ({@code moveTo}). */
    record Lease(long id, String pico, String picoDid, Metric deposit, Metric pricePerHour, long openedBlock,
            Long moveTo) {}

    record TrustList(long id, String name, String curator) {}

    /** A recent probe: time to first byte ({@code latencyMs}) and TCP (and TLS) connect time, measured apart. */
    record ProbeSample(Instant at, boolean ok, Double latencyMs, Double connectMs, String error) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final ChainIdentity chain;

    EngineDetails(NamedParameterJdbcTemplate jdbc, ChainIdentity chain) {
        this.jdbc = jdbc;
        this.chain = chain;
    }

    Engine find(long id) {
        var params = new MapSqlParameterSource("id", id);
        List<Engine> found = jdbc.query("""
                select l.*, s.p50_ms_1h, s.p95_ms_1h, s.availability_1h, s.p50_ms_7d, s.p95_ms_7d, s.availability_7d,
                    s.connect_ms_24h, (select e.advert from engine e where e.id = l.id) as advert
                from engine_listing l left join probe_stats s on s.engine_id = l.id where l.id = :id""", params,
                (rs, n) -> new Engine(
                EngineSummary.from(rs), EngineSummary.PROVENANCE, rs.getString("advert_hash"),
                Numeric.toHexString(rs.getBytes("advert")), verifies(rs), rs.getString("metadata_cid"),
                rs.getString("encryption_key"), keys(rs), rs.getBoolean("halted"),
                Metric.onchain(rs.getBigDecimal("unbonding").toPlainString(), "wei"),
                rs.getObject("unlock_at", Long.class),
                Metric.onchain(rs.getBigDecimal("slashed").toPlainString(), "wei"), rs.getInt("open_challenges"),
                rs.getObject("challenge_deadline", Long.class), rs.getLong("registered_block"),
                rs.getLong("source_block"), rs.getString("source_block_hash"),
                Map.of("p50Ms1h", measured(rs, "p50_ms_1h", "ms"),
                        "p95Ms1h", measured(rs, "p95_ms_1h", "ms"),
                        "availability1h", measured(rs, "availability_1h", "ratio"),
                        "p50Ms7d", measured(rs, "p50_ms_7d", "ms"),
                        "p95Ms7d", measured(rs, "p95_ms_7d", "ms"),
                        "availability7d", measured(rs, "availability_7d", "ratio"),
                        "connectMs24h", measured(rs, "connect_ms_24h", "ms")),
                events(id, STAKE_EVENTS), events(id, CHALLENGE_EVENTS), events(id, KEY_EVENTS), leases(params),
                trustLists(params),
                probes(params)));
        if (found.isEmpty()) {
            throw new NotFoundException("there is no engine " + id);
        }
        return found.get(0);
    }

    private static boolean verifies(ResultSet rs) throws SQLException {
        return Numeric.toHexString(Hash.sha3(rs.getBytes("advert"))).equalsIgnoreCase(rs.getString("advert_hash"));
    }

    private static Keys keys(ResultSet rs) throws SQLException {
        String operator = rs.getString("operator");
        String agent = rs.getString("agent");
        String payout = rs.getString("payout");
        return new Keys(operator, agent.isEmpty() ? operator : agent, payout.isEmpty() ? operator : payout,
                rs.getString("pending_operator"));
    }

    private static Metric measured(ResultSet rs, String column, String unit) throws SQLException {
        return Metric.measured(EngineSummary.rounded(rs, column), unit);
    }

    private List<ChainEvent> events(long id, List<String> kinds) {
        return jdbc.query(historyQuery(kinds), new MapSqlParameterSource("id", id),
                (rs, n) -> new ChainEvent(rs.getLong("block_number"), rs.getString("tx_hash"), rs.getString("kind"),
                        rs.getBoolean("confirmed"), args(rs.getString("payload"))));
    }

    /**
     * An engine's events of these kinds, oldest first. The kinds are written into the SQL as literals, not bound:
     * only then can PostgreSQL prove that the query stays within the kinds its partial index covers.
     */
    static String historyQuery(List<String> kinds) {
        String literals = kinds.stream().map(kind -> "'" + kind + "'").collect(Collectors.joining(", "));
        return """
                select e.block_number, e.tx_hash, e.kind, e.block_number <= c.block as confirmed, e.payload::text as payload
                from chain_event e, confirmed_head c
                where e.engine_id = :id and e.kind in (%s) order by e.block_number, e.log_index""".formatted(literals);
    }

    private List<Lease> leases(MapSqlParameterSource params) {
        return jdbc.query("select * from lease where engine_id = :id and status = 'active' order by id", params,
                (rs, n) -> new Lease(rs.getLong("id"), rs.getString("pico"),
                        new PicoDid(chain.chainId(), rs.getString("pico")).toString(),
                        Metric.onchain(rs.getBigDecimal("deposit").toPlainString(), "wei"),
                        Metric.onchain(rs.getBigDecimal("price_per_hour").toPlainString(), "wei/pico-hour"),
                        rs.getLong("opened_block"), rs.getObject("move_to", Long.class)));
    }

    private List<TrustList> trustLists(MapSqlParameterSource params) {
        return jdbc.query("""
                select t.id, t.name, t.curator from trust_list t join trust_list_engine m on m.list_id = t.id
                where m.engine_id = :id order by t.id""", params,
                (rs, n) -> new TrustList(rs.getLong("id"), rs.getString("name"), rs.getString("curator")));
    }

    private List<ProbeSample> probes(MapSqlParameterSource params) {
        return jdbc.query("""
                select * from (select probed_at, ok, latency_ms, connect_ms, error from probe_sample where engine_id = :id
                    and probed_at > now() - interval '7 days' order by probed_at desc limit :max) s order by probed_at""",
                new MapSqlParameterSource(params.getValues()).addValue("max", MAX_SAMPLES),
                (rs, n) -> new ProbeSample(rs.getTimestamp("probed_at").toInstant(), rs.getBoolean("ok"),
                        rs.getObject("latency_ms", Double.class), rs.getObject("connect_ms", Double.class),
                        rs.getString("error")));
    }

    /** Event arguments with every integer as a decimal string: wei amounts do not fit a JavaScript number. */
    private static Map<String, Object> args(String json) {
        try {
            Map<String, Object> args = JSON.readValue(json, new TypeReference<>() {});
            args.replaceAll((name, value) -> value instanceof BigInteger number ? number.toString() : value);
            return args;
        } catch (JacksonException e) {
            throw new IllegalStateException("unreadable stored event", e);
        }
    }
}
