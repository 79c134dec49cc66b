package org.picomesh.directory.engines;

import java.util.Arrays;

/**
 * How a listing's rows differ from the previous listing's: which rows are the same engine with the same figures
 * (and where they were), and which are new or changed. Both row arrays are in id order, so one walk finds it.
 * What a listing computed for its unchanged rows (their place in a sort, their JSON) is then taken over, so that a
 * change of a few engines costs a few engines' work, not 10,000.
 */
final class ListingChange {
    /** For each new row, its place in the previous rows if it is unchanged there, else -1. */
    final int[] previousOf;
    /** For each previous row, its place in the new rows if it is unchanged there, else -1. */
    final int[] keptAs;
    /** The new rows that are new or changed, in id order. */
    final int[] fresh;
    /** Whether every row is where it was: the same ids in the same places, whatever their figures. */
    final boolean samePlaces;

    private ListingChange(int[] previousOf, int[] keptAs, int[] fresh, boolean samePlaces) {
        this.previousOf = previousOf;
        this.keptAs = keptAs;
        this.fresh = fresh;
        this.samePlaces = samePlaces;
    }

    static ListingChange between(ListedEngine[] previous, ListedEngine[] rows) {
        int[] previousOf = new int[rows.length];
        int[] keptAs = new int[previous.length];
        Arrays.fill(keptAs, -1);
        int[] fresh = new int[rows.length];
        int freshCount = 0;
        int p = 0;
        for (int row = 0; row < rows.length; row++) {
            long id = rows[row].id();
            while (p < previous.length && previous[p].id() < id) {
                p++;
            }
            boolean unchanged = p < previous.length
                    && (previous[p] == rows[row] || previous[p].id() == id && previous[p].equals(rows[row]));
            if (unchanged) {
                previousOf[row] = p;
                keptAs[p] = row;
            } else {
                previousOf[row] = -1;
                fresh[freshCount++] = row;
            }
        }
        boolean samePlaces = previous.length == rows.length;
        for (int row = 0; samePlaces && row < rows.length; row++) {
            samePlaces = previous[row].id() == rows[row].id();
        }
        return new ListingChange(previousOf, keptAs, Arrays.copyOf(fresh, freshCount), samePlaces);
    }
}
