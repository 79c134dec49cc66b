package org.picomesh.directory.engines;

/**
 * The list's default "score" order: cheaper, more available and more staked first, each on a 0-1 scale
 * against the market's extremes. Placement has its own, per-policy score ({@code POST /api/select}).
 */
final class MarketScore {
    static final String SQL = "cast(0.4 * (1 - price_per_hour / greatest((select max(price_per_hour) from engine), 1))"
            + " + 0.3 * coalesce(availability_24h, 0)"
            + " + 0.3 * (stake / greatest((select max(stake) from engine), 1)) as numeric)";

    private MarketScore() {}
}
