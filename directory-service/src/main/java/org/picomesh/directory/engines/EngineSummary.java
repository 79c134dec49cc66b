package org.picomesh.directory.engines;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * An engine as lists show it, lean because lists are read most. Wei amounts are decimal strings; where each
 * figure comes from is in {@link #PROVENANCE}, returned with every list and engine. Strings come from
 * strangers' adverts: returned as they were published, for clients to render as text only.
 */
public record EngineSummary(
        long id,
        String status,
        boolean confirmed,
        String operator,
        String endpoint,
        String did,
        String region,
        String pricePerHourWei,
        String stakeWei,
        long capacity,
        int activeLeases,
        long freeCapacity,
        long advertisedLatencyMs,
        Double measuredLatencyP50Ms,
        Double measuredLatencyP95Ms,
        Double availability) {

    /** Where each figure of a summary comes from: the chain, the engine's own claim, or this directory. */
    public static final Map<String, String> PROVENANCE = Map.ofEntries(
            Map.entry("status", "onchain"), Map.entry("pricePerHourWei", "onchain"), Map.entry("stakeWei", "onchain"),
            Map.entry("capacity", "onchain"), Map.entry("activeLeases", "onchain"), Map.entry("freeCapacity", "onchain"),
            Map.entry("endpoint", "advertised"), Map.entry("did", "advertised"), Map.entry("region", "advertised"),
            Map.entry("advertisedLatencyMs", "advertised"), Map.entry("measuredLatencyP50Ms", "measured"),
            Map.entry("measuredLatencyP95Ms", "measured"), Map.entry("availability", "measured"));

    static EngineSummary from(ResultSet rs) throws SQLException {
        return new EngineSummary(
                rs.getLong("id"),
                rs.getString("status"),
                rs.getBoolean("confirmed"),
                rs.getString("operator"),
                rs.getString("endpoint"),
                rs.getString("did"),
                rs.getString("region"),
                rs.getBigDecimal("price_per_hour").toPlainString(),
                rs.getBigDecimal("stake").toPlainString(),
                rs.getLong("capacity"),
                rs.getInt("active_leases"),
                rs.getLong("free_capacity"),
                rs.getLong("latency_ms"),
                rounded(rs, "p50_ms_24h"),
                rounded(rs, "p95_ms_24h"),
                rounded(rs, "availability_24h"));
    }

    /** A measured figure to 3 decimals, or null when the engine was never measured. */
    static Double rounded(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value * 1000) / 1000.0;
    }
}
