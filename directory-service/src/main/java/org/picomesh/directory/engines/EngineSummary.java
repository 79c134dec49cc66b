package org.picomesh.directory.engines;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.picomesh.directory.api.Metric;

/**
 * An engine as lists show it. Strings come from strangers' adverts: returned as they were published, for
 * clients to render as text only.
 */
public record EngineSummary(
        long id,
        String status,
        boolean confirmed,
        String operator,
        String endpoint,
        String did,
        String region,
        Metric pricePerHour,
        Metric stake,
        Metric capacity,
        Metric activeLeases,
        Metric freeCapacity,
        Metric advertisedLatency,
        Metric measuredLatencyP50,
        Metric measuredLatencyP95,
        Metric availability) {

    static EngineSummary from(ResultSet rs) throws SQLException {
        return new EngineSummary(
                rs.getLong("id"),
                rs.getString("status"),
                rs.getBoolean("confirmed"),
                rs.getString("operator"),
                rs.getString("endpoint"),
                rs.getString("did"),
                rs.getString("region"),
                Metric.onchain(rs.getBigDecimal("price_per_hour").toPlainString(), "wei/pico-hour"),
                Metric.onchain(rs.getBigDecimal("stake").toPlainString(), "wei"),
                Metric.onchain(rs.getLong("capacity"), "picos"),
                Metric.onchain(rs.getInt("active_leases"), "leases"),
                Metric.onchain(rs.getLong("free_capacity"), "picos"),
                Metric.advertised(rs.getLong("latency_ms"), "ms"),
                measured(rs, "p50_ms_24h", "ms"),
                measured(rs, "p95_ms_24h", "ms"),
                measured(rs, "availability_24h", "ratio"));
    }

    /** A measured figure over the last 24 hours, or null-valued when the engine was never measured. */
    static Metric measured(ResultSet rs, String column, String unit) throws SQLException {
        double value = rs.getDouble(column);
        return Metric.measured(rs.wasNull() ? null : Math.round(value * 1000) / 1000.0, unit);
    }
}
