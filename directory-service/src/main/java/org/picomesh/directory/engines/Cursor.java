package org.picomesh.directory.engines;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.picomesh.directory.api.BadRequestException;

/** Where the previous page ended: the sort's value and the id of its last engine, opaque to clients. */
record Cursor(String sort, BigDecimal value, long id) {
    String encode() {
        String plain = sort + "|" + value.toPlainString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a cursor this API gave out could hold these numbers: every sort key is below 2^256 (wei) with a
     * bounded fraction (a latency, a ratio, a score), and ids are never negative. A forged one is refused before
     * it reaches a query (where 1e999999999 would overflow PostgreSQL's numeric).
     */
    private boolean plausible() {
        return id >= 0 && value.scale() <= MAX_SCALE && (long) value.precision() - value.scale() <= MAX_INTEGER_DIGITS;
    }

    private static final int MAX_SCALE = 40;
    private static final int MAX_INTEGER_DIGITS = 78;

    static Cursor decode(String text, Sort sort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3) {
                throw new BadRequestException("the cursor is not one this API gave out: start again without it");
            }
            if (!parts[0].equals(sort.toString())) {
                throw new BadRequestException("the cursor belongs to another sort order: start again without it");
            }
            Cursor cursor = new Cursor(parts[0], new BigDecimal(parts[1]), Long.parseLong(parts[2]));
            if (!cursor.plausible()) {
                throw new BadRequestException("the cursor is not one this API gave out: start again without it");
            }
            return cursor;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadRequestException("the cursor is not one this API gave out");
        }
    }
}
