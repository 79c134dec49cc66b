package org.picomesh.directory.engines;

import java.util.Map;
import org.picomesh.directory.api.BadRequestException;

/**
 * A list order: a key and a direction ({@code -price} is by price, highest first). Engines without a
 * measurement sort last either way.
 */
record Sort(String key, boolean descending) {
    /** The SQL expression of each key, never null, so that keyset pagination can compare it. */
    private static final Map<String, String> EXPRESSIONS = Map.of(
            "price", "price_per_hour",
            "stake", "stake",
            "latency", "coalesce(p50_ms_24h, 1e12)",
            "availability", "coalesce(availability_24h, -1)",
            "capacity", "cast(free_capacity as numeric)",
            "score", MarketScore.SQL);

    static Sort parse(String text) {
        boolean descending = text.startsWith("-");
        String key = descending ? text.substring(1) : text;
        if (!EXPRESSIONS.containsKey(key)) {
            throw new BadRequestException("sort must be one of " + EXPRESSIONS.keySet() + ", with - for descending");
        }
        return new Sort(key, descending);
    }

    String expression() {
        return EXPRESSIONS.get(key);
    }

    String sql() {
        String direction = descending ? " desc" : " asc";
        return expression() + direction + ", id" + direction;
    }

    @Override
    public String toString() {
        return (descending ? "-" : "") + key;
    }
}
