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
        if (text != null && text.length() > 100) {
            throw new BadRequestException("the search text is at most 100 characters");
        }
        if (region != null && region.length() > 32) {
            throw new BadRequestException("a region is at most 32 characters");
        }
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new BadRequestException("limit must be 1 to " + MAX_LIMIT);
        }
        Sort order = Sort.parse(sort == null ? "price" : sort);
        return new EngineQuery(WeiAmount.parse("maxPrice", maxPrice), minFreeCapacity, blankToNull(region), maxLatencyMs,
                WeiAmount.parse("minStake", minStake), minAvailability, trustList, status, blankToNull(text), order, size,
                cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, order));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
