package org.picomesh.directory.engines;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.picomesh.directory.api.BadRequestException;

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
        Predicate<ListedEngine> filter = filter(q, listing);
        List<EngineSummary> page = new ArrayList<>(q.limit());
        int last = -1;
        for (int i = start; i >= 0 && i < ascending.length; i += step) {
            ListedEngine row = listing.rows[ascending[i]];
            if (!filter.test(row)) {
                continue;
            }
            if (page.size() == q.limit()) {
                Cursor next = new Cursor(q.sort().toString(), key.cursorValue(last), listing.rows[last].id());
                return new EngineSearch.Page(page, next.encode(), EngineSummary.PROVENANCE);
            }
            page.add(row.summary(listing.confirmedHead, listing.minStake));
            last = ascending[i];
        }
        return new EngineSearch.Page(page, null, EngineSummary.PROVENANCE);
    }

    /** The filters of {@link EngineSearch#filter}, with PostgreSQL's comparisons (NaN above every number). */
    private static Predicate<ListedEngine> filter(EngineQuery q, Listing listing) {
        List<Predicate<ListedEngine>> all = new ArrayList<>();
        if (q.maxPrice() != null) {
            BigDecimal max = new BigDecimal(q.maxPrice());
            all.add(row -> row.price().compareTo(max) <= 0);
        }
        if (q.minFreeCapacity() != null) {
            all.add(row -> row.freeCapacity() >= q.minFreeCapacity());
        }
        if (q.region() != null) {
            all.add(row -> row.region().equals(q.region()));
        }
        if (q.maxLatencyMs() != null) {
            all.add(row -> row.p50() != null && SortKey.compare(row.p50(), q.maxLatencyMs()) <= 0);
        }
        if (q.minStake() != null) {
            BigDecimal min = new BigDecimal(q.minStake());
            all.add(row -> row.stake().compareTo(min) >= 0);
        }
        if (q.minAvailability() != null) {
            all.add(row -> row.availability() != null && SortKey.compare(row.availability(), q.minAvailability()) >= 0);
        }
        if (q.trustList() != null) {
            Set<Long> trusted = listing.trustLists.getOrDefault(q.trustList(), Set.of());
            all.add(row -> trusted.contains(row.id()));
        }
        if (q.status() != null) {
            all.add(row -> row.status(listing.confirmedHead, listing.minStake).equals(q.status()));
        }
        if (q.text() != null) {
            String text = listing.folding.fold(q.text());
            all.add(row -> row.foldedEndpoint().contains(text) || row.foldedDid().contains(text)
                    || row.foldedRegion().contains(text));
        }
        noNul("region", q.region());
        noNul("q", q.text());
        return row -> {
            for (Predicate<ListedEngine> p : all) {
                if (!p.test(row)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** PostgreSQL text cannot hold NUL, so the SQL could never take it: refused here alike, as bad input. */
    private static void noNul(String parameter, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new BadRequestException(parameter + " must not contain NUL characters");
        }
    }
}
