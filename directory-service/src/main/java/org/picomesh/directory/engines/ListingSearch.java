package org.picomesh.directory.engines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an {@link EngineQuery} over a {@link Listing} with the answers of {@link EngineSearch}'s SQL: the rows in the
 * sort's order from just after the cursor, filtered, until a page and one more are found. A query costs a binary
 * search and a walk over the rows it reads; nothing is computed per query that the listing already knows.
 */
final class ListingSearch {
    private ListingSearch() {}

    /** A page as the listing's row positions, and the cursor of the next page (null at the end). */
    record Found(int[] rows, String nextCursor) {}

    static EngineSearch.Page search(Listing listing, EngineQuery q) {
        Found found = find(listing, q);
        List<EngineSummary> page = new ArrayList<>(found.rows().length);
        for (int row : found.rows()) {
            page.add(listing.rows[row].summary(listing.confirmedHead, listing.minStake));
        }
        return new EngineSearch.Page(page, found.nextCursor(), EngineSummary.PROVENANCE);
    }

    static Found find(Listing listing, EngineQuery q) {
        SortKey key = listing.key(q.sort().key());
        int[] ascending = key.ascending();
        boolean descending = q.sort().descending();
        int step = descending ? -1 : 1;
        int start;
        if (q.after() == null) {
            start = descending ? ascending.length - 1 : 0;
        } else {
            start = descending ? key.position(q.after(), false) - 1 : key.position(q.after(), true);
        }
        ListingFilter filter = new ListingFilter(listing, q);
        int[] page = new int[q.limit()];
        int found = 0;
        for (int i = start; i >= 0 && i < ascending.length; i += step) {
            if (!filter.test(ascending[i])) {
                continue;
            }
            if (found == page.length) {
                int last = page[found - 1];
                Cursor next = new Cursor(q.sort().toString(), key.cursorValue(last), listing.rows[last].id());
                return new Found(page, next.encode());
            }
            page[found++] = ascending[i];
        }
        return new Found(Arrays.copyOf(page, found), null);
    }
}
