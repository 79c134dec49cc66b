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

    static Cursor decode(String text, Sort sort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || !parts[0].equals(sort.toString())) {
                throw new BadRequestException("the cursor belongs to another sort order: start again without it");
            }
            return new Cursor(parts[0], new BigDecimal(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("the cursor is not one this API gave out");
        }
    }
}
