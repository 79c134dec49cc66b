package org.picomesh.contracts.placement;

import java.util.Locale;

/**
 * Why an engine fails a policy's hard constraint: a code for programs (a page that writes amounts in ETH, an agent
 * that counts), the reason in words for people, and the figures compared when there are any, as plain decimal
 * strings (wei for amounts, ms for latency). Programs read the code and figures, never the words.
 *
 * @param code one of {@link Code}, lower case ({@code price_above_max}); a reader meets codes it does not know
 * @param reason the reason in words
 * @param value the engine's figure, or null
 * @param limit the policy's figure it was held to, or null
 */
public record Exclusion(String code, String reason, String value, String limit) {
    /** Every code an exclusion has; its JSON form is {@link #code()}. */
    public enum Code {
        NOT_LISTED, EXCLUDED_BY_POLICY, PRICE_ABOVE_MAX, FREE_CAPACITY_BELOW_MIN, REGION_NOT_ALLOWED,
        LATENCY_NOT_MEASURED, LATENCY_ABOVE_MAX, STAKE_BELOW_MIN, AVAILABILITY_NOT_MEASURED, AVAILABILITY_BELOW_MIN,
        NOT_ON_TRUST_LIST;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Exclusion of(Code code, String reason) {
        return new Exclusion(code.code(), reason, null, null);
    }

    static Exclusion of(Code code, String reason, Object value, Object limit) {
        return new Exclusion(code.code(), reason, String.valueOf(value), String.valueOf(limit));
    }
}
