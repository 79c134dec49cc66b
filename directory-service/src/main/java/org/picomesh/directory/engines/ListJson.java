package org.picomesh.directory.engines;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A list page as JSON, the bytes the mapper would write for an {@link EngineSearch.Page}, put together from each
 * engine's summary written once per listing (and kept by the next listing while the engine does not change) and
 * the page's frame, written once: a list request then writes no JSON of its own.
 */
@Component
class ListJson {
    /** Stands for the cursor in the frame: a cursor is base64url, which JSON writes as it is. */
    private static final String CURSOR = "CURSOR";

    private final JsonMapper json;
    /** {@code {"engines":[} */
    private final byte[] start;
    /** From {@code ],"nextCursor":} up to the cursor's opening quote, and after its closing quote. */
    private final byte[] beforeCursor;
    private final byte[] afterCursor;
    /** From {@code ]} to the end when there is no next page. */
    private final byte[] lastPageEnd;

    ListJson(JsonMapper json) {
        this.json = json;
        byte[] withCursor = json.writeValueAsBytes(new EngineSearch.Page(List.of(), CURSOR, EngineSummary.PROVENANCE));
        byte[] last = json.writeValueAsBytes(new EngineSearch.Page(List.of(), null, EngineSummary.PROVENANCE));
        int engines = indexOf(last, "[]".getBytes(StandardCharsets.US_ASCII)) + 1;
        int cursor = indexOf(withCursor, CURSOR.getBytes(StandardCharsets.US_ASCII));
        if (engines <= 0 || cursor < engines || !Arrays.equals(withCursor, 0, engines, last, 0, engines)) {
            throw new IllegalStateException("a list page's JSON does not start with its engines");
        }
        this.start = Arrays.copyOf(last, engines);
        this.lastPageEnd = Arrays.copyOfRange(last, engines, last.length);
        this.beforeCursor = Arrays.copyOfRange(withCursor, engines, cursor);
        this.afterCursor = Arrays.copyOfRange(withCursor, cursor + CURSOR.length(), withCursor.length);
    }

    byte[] page(Listing listing, ListingSearch.Found found) {
        int[] rows = found.rows();
        byte[][] summaries = new byte[rows.length][];
        byte[] cursor = found.nextCursor() == null ? null : found.nextCursor().getBytes(StandardCharsets.US_ASCII);
        int size = start.length + Math.max(rows.length - 1, 0)
                + (cursor == null ? lastPageEnd.length : beforeCursor.length + cursor.length + afterCursor.length);
        for (int i = 0; i < rows.length; i++) {
            summaries[i] = summary(listing, rows[i]);
            size += summaries[i].length;
        }
        byte[] page = new byte[size];
        int at = put(page, 0, start);
        for (int i = 0; i < rows.length; i++) {
            if (i > 0) {
                page[at++] = ',';
            }
            at = put(page, at, summaries[i]);
        }
        if (cursor == null) {
            put(page, at, lastPageEnd);
        } else {
            put(page, put(page, put(page, at, beforeCursor), cursor), afterCursor);
        }
        return page;
    }

    private static int put(byte[] page, int at, byte[] part) {
        System.arraycopy(part, 0, page, at, part.length);
        return at + part.length;
    }

    private byte[] summary(Listing listing, int row) {
        byte[] written = listing.json(row);
        if (written == null) {
            written = json.writeValueAsBytes(listing.rows[row].summary(listing.confirmedHead, listing.minStake));
            listing.json(row, written);
        }
        return written;
    }

    private static int indexOf(byte[] text, byte[] part) {
        for (int i = 0; i + part.length <= text.length; i++) {
            if (Arrays.equals(text, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
