package org.picomesh.directory.engines;

import java.math.BigInteger;
import java.util.Set;
import org.picomesh.directory.api.BadRequestException;

/**
 * A validated search over engines: filters, a sort, a page size and a cursor. Every parameter is optional.
 */
record EngineQuery(
        BigInteger maxPrice,
        Integer minFreeCapacity,
        String region,
        Double maxLatencyMs,
        BigInteger minStake,
        Double minAvailability,
        Long trustList,
        String status,
        String text,
        Sort sort,
        int limit,
        Cursor after) {

    static final int MAX_LIMIT = 200;
    private static final Set<String> STATUSES = Set.of("pending", "listed", "unbonding", "delisted", "slashed");

    static EngineQuery of(String maxPrice, Integer minFreeCapacity, String region, Double maxLatencyMs, String minStake,
            Double minAvailability, Long trustList, String status, String text, String sort, Integer limit, String cursor) {
        if (minFreeCapacity != null && minFreeCapacity < 0) {
            throw new BadRequestException("minFreeCapacity must be 0 or more");
        }
        if (maxLatencyMs != null && !(maxLatencyMs > 0)) {
            throw new BadRequestException("maxLatencyMs must be more than 0");
        }
        if (minAvailability != null && !(minAvailability >= 0 && minAvailability <= 1)) {
            throw new BadRequestException("minAvailability is a ratio from 0 to 1");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequestException("status must be one of " + STATUSES);
        }
        if (trustList != null && trustList < 0) {
            throw new BadRequestException("trustList is a trust list's id, 0 or more");
        }
        checkText("q", "the search text", text, 100);
        checkText("region", "a region", region, 32);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new BadRequestException("limit must be 1 to " + MAX_LIMIT);
        }
        Sort order = Sort.parse(sort == null ? "price" : sort);
        return new EngineQuery(WeiAmount.parse("maxPrice", maxPrice), minFreeCapacity, blankToNull(region), maxLatencyMs,
                WeiAmount.parse("minStake", minStake), minAvailability, trustList, status, blankToNull(text), order, size,
                cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, order));
    }

    /** Free text is matched against adverts: printable characters only, and short. */
    private static void checkText(String name, String what, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.length() > maxLength) {
            throw new BadRequestException(name + " (" + what + ") is at most " + maxLength + " characters, not "
                    + value.length());
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new BadRequestException(name + " (" + what + ") may not contain control characters such as NUL,"
                    + " tab or line breaks (U+0000-U+001F, U+007F-U+009F)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
