package org.picomesh.directory.engines;

import java.math.BigDecimal;
import java.util.BitSet;
import org.picomesh.directory.api.BadRequestException;

/**
 * {@link EngineSearch#filter}'s conditions over a {@link Listing}, turned once per query into comparisons of
 * integers: a range filter becomes a bound on the row's place in that key's sorted order (the place of the first
 * row past the bound is found by binary search), so that a query walking every row stays well under a millisecond.
 */
final class ListingFilter {
    private final Listing listing;
    private final EngineQuery q;
    private int[] priceRanks;
    private int pricesWithin;
    private int[] stakeRanks;
    private int stakesBelow;
    private int[] latencyRanks;
    private int latenciesWithin;
    private int[] availabilityRanks;
    private int availabilitiesBelow;
    private BitSet trusted;
    private String[] statuses;
    private String text;

    ListingFilter(Listing listing, EngineQuery q) {
        this.listing = listing;
        this.q = q;
        noNul("region", q.region());
        noNul("q", q.text());
        if (q.maxPrice() != null) {
            SortKey price = listing.key("price");
            priceRanks = price.ranks();
            pricesWithin = price.count(new BigDecimal(q.maxPrice()), true);
        }
        if (q.minStake() != null) {
            SortKey stake = listing.key("stake");
            stakeRanks = stake.ranks();
            stakesBelow = stake.count(new BigDecimal(q.minStake()), false);
        }
        if (q.maxLatencyMs() != null) {
            SortKey latency = listing.key("latency");
            latencyRanks = latency.ranks();
            latenciesWithin = latency.count(q.maxLatencyMs(), true);
        }
        if (q.minAvailability() != null) {
            SortKey availability = listing.key("availability");
            availabilityRanks = availability.ranks();
            availabilitiesBelow = availability.count(q.minAvailability(), false);
        }
        if (q.trustList() != null) {
            trusted = listing.trusted(q.trustList());
        }
        if (q.status() != null) {
            statuses = listing.statuses();
        }
        if (q.text() != null) {
            text = listing.folding.fold(q.text());
        }
    }

    boolean test(int row) {
        ListedEngine engine = listing.rows[row];
        return (priceRanks == null || priceRanks[row] < pricesWithin)
                && (stakeRanks == null || stakeRanks[row] >= stakesBelow)
                && (latencyRanks == null || latencyRanks[row] < latenciesWithin && engine.p50() != null)
                && (availabilityRanks == null || availabilityRanks[row] >= availabilitiesBelow
                        && engine.availability() != null)
                && (q.minFreeCapacity() == null || engine.freeCapacity() >= q.minFreeCapacity())
                && (trusted == null || trusted.get(row))
                && (statuses == null || statuses[row].equals(q.status()))
                && (q.region() == null || engine.region().equals(q.region()))
                && (text == null || engine.foldedEndpoint().contains(text) || engine.foldedDid().contains(text)
                        || engine.foldedRegion().contains(text));
    }

    /** PostgreSQL text cannot hold NUL, so the SQL could never take it: refused here alike, as bad input. */
    private static void noNul(String parameter, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new BadRequestException(parameter + " must not contain NUL characters");
        }
    }
}
