package org.picomesh.directory.engines;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.picomesh.contracts.placement.Candidate;

/**
 * An engine row as the in-memory listing keeps it: the columns lists show, filter and sort on, and those its status
 * follows from, which is derived here as the view {@code engine_listing} derives it (V4), against the confirmed head
 * and the minimum stake of the moment. The searchable texts are kept folded to lower case once.
 */
record ListedEngine(long id, String operator, String endpoint, String did, String region, BigDecimal price,
        BigDecimal stake, BigDecimal unbonding, BigDecimal slashed, boolean halted, long sourceBlock, long capacity,
        int activeLeases, long latencyMs, Double p50, Double p95, Double availability, String priceText,
        String stakeText, String foldedEndpoint, String foldedDid, String foldedRegion) {

    static final String COLUMNS = "id, operator, endpoint, did, region, price_per_hour, stake, unbonding, slashed,"
            + " halted, source_block, capacity, active_leases, latency_ms, p50_ms_24h, p95_ms_24h, availability_24h";

    static ListedEngine from(ResultSet rs, TextFolding folding) throws SQLException {
        BigDecimal price = rs.getBigDecimal("price_per_hour");
        BigDecimal stake = rs.getBigDecimal("stake");
        String endpoint = rs.getString("endpoint");
        String did = rs.getString("did");
        String region = rs.getString("region");
        return new ListedEngine(rs.getLong("id"), rs.getString("operator"), endpoint, did, region, price, stake,
                rs.getBigDecimal("unbonding"), rs.getBigDecimal("slashed"), rs.getBoolean("halted"),
                rs.getLong("source_block"), rs.getLong("capacity"), rs.getInt("active_leases"), rs.getLong("latency_ms"),
                rs.getObject("p50_ms_24h", Double.class), rs.getObject("p95_ms_24h", Double.class),
                rs.getObject("availability_24h", Double.class), price.toPlainString(), stake.toPlainString(),
                folding.fold(endpoint), folding.fold(did), folding.fold(region));
    }

    long freeCapacity() {
        return Math.max(capacity - activeLeases, 0);
    }

    String status(long confirmedHead, BigDecimal minStake) {
        if (sourceBlock > confirmedHead) {
            return "pending";
        }
        if (unbonding.signum() > 0) {
            return "unbonding";
        }
        if (stake.compareTo(minStake) >= 0 && !halted) {
            return "listed";
        }
        return slashed.signum() > 0 ? "slashed" : "delisted";
    }

    EngineSummary summary(long confirmedHead, BigDecimal minStake) {
        return new EngineSummary(id, status(confirmedHead, minStake), sourceBlock <= confirmedHead, operator, endpoint,
                did, region, priceText, stakeText, capacity, activeLeases, freeCapacity(), latencyMs, rounded(p50),
                rounded(p95), rounded(availability));
    }

    Candidate candidate(long confirmedHead, BigDecimal minStake) {
        return new Candidate(id, status(confirmedHead, minStake), endpoint, region, price.toBigIntegerExact(),
                stake.toBigIntegerExact(), freeCapacity(), latencyMs, p50, availability);
    }

    /** As {@link EngineSummary#rounded}: to 3 decimals. */
    private static Double rounded(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }
}
