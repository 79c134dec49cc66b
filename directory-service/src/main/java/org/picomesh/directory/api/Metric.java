package org.picomesh.directory.api;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A number the API returns, with where it comes from: the engine's own claim, this directory's measurement,
 * or the chain.
 */
public record Metric(Object value, String unit, Source source) {
    public enum Source {
        ADVERTISED, MEASURED, ONCHAIN;

        @JsonValue
        String json() {
            return name().toLowerCase();
        }
    }

    public static Metric onchain(Object value, String unit) {
        return new Metric(value, unit, Source.ONCHAIN);
    }

    public static Metric advertised(Object value, String unit) {
        return new Metric(value, unit, Source.ADVERTISED);
    }

    public static Metric measured(Object value, String unit) {
        return new Metric(value, unit, Source.MEASURED);
    }
}
