package org.picomesh.directory.engines;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs an {@link EngineQuery} over a {@link Listing} with the answers of {@link EngineSearch}'s SQL: the rows in the
 * sort's order from just after the cursor, filtered, until a page and one more are found. A query costs a binary
 * search and a walk over the rows it reads; nothing is computed per query that the listing already knows.
 */
final class ListingSearch {
    private ListingSearch() {}

    static EngineSearch.Page search(Listing listing, EngineQuery q) {
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
        List<EngineSummary> page = new ArrayList<>(q.limit());
        int last = -1;
        for (int i = start; i >= 0 && i < ascending.length; i += step) {
            if (!filter.test(ascending[i])) {
                continue;
            }
            ListedEngine row = listing.rows[ascending[i]];
            if (page.size() == q.limit()) {
                Cursor next = new Cursor(q.sort().toString(), key.cursorValue(last), listing.rows[last].id());
                return new EngineSearch.Page(page, next.encode(), EngineSummary.PROVENANCE);
            }
            page.add(row.summary(listing.confirmedHead, listing.minStake));
            last = ascending[i];
        }
        return new EngineSearch.Page(page, null, EngineSummary.PROVENANCE);
    }
}
