package org.picomesh.directory.engines;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.picomesh.directory.api.BadRequestException;

/**
 * One sort order's value for every row of a listing, compared as PostgreSQL compares the SQL expression of the same
 * key ({@link Sort}): numeric values exactly, double precision ones with NaN above everything. Rows in ascending
 * order (value, then id) are {@link #ascending}; descending is the same array read backwards.
 */
abstract sealed class SortKey {
    private final ListedEngine[] rows;
    private volatile int[] ascending;
    private volatile int[] ranks;

    SortKey(ListedEngine[] rows) {
        this.rows = rows;
    }

    /** Row positions from first to last in ascending order; computed on first use. */
    int[] ascending() {
        int[] order = ascending;
        return order != null ? order : sortAll();
    }

    private synchronized int[] sortAll() {
        if (ascending == null) {
            ascending = sorted(IntStream.range(0, rows.length));
        }
        return ascending;
    }

    /** Whether this key's order is known (a listing taking over from this one then keeps it current). */
    boolean computed() {
        return ascending != null;
    }

    /**
     * Takes over the order of the same key of the previous listing, whose rows kept their values where the change
     * says they are unchanged: those rows keep their order among themselves, and the new or changed rows are
     * sorted and merged in, so a change of k rows costs O(n + k log k) instead of a sort of all n.
     */
    synchronized SortKey following(SortKey previous, ListingChange change) {
        int[] before = previous.ascending();
        int[] kept = new int[rows.length];
        int keptCount = 0;
        for (int row : before) {
            int now = change.keptAs[row];
            if (now >= 0) {
                kept[keptCount++] = now;
            }
        }
        int[] fresh = sorted(Arrays.stream(change.fresh));
        int[] merged = new int[rows.length];
        int k = 0;
        int f = 0;
        for (int place = 0; place < merged.length; place++) {
            merged[place] = f == fresh.length || k < keptCount && compareRows(kept[k], fresh[f]) < 0 ? kept[k++] : fresh[f++];
        }
        ascending = merged;
        ranks = null;
        rank(); // cheap next to the merge, and spares the first filtered query a wait
        return this;
    }

    private int compareRows(int a, int b) {
        int byValue = compareValues(a, b);
        return byValue != 0 ? byValue : Long.compare(rows[a].id(), rows[b].id());
    }

    private int[] sorted(IntStream positions) {
        Comparator<Integer> order = this::compareRows;
        return positions.boxed().sorted(order).mapToInt(Integer::intValue).toArray();
    }

    /** Each row's place in ascending order: the inverse of {@link #ascending}. */
    int[] ranks() {
        int[] places = ranks;
        return places != null ? places : rank();
    }

    private synchronized int[] rank() {
        if (ranks == null) {
            int[] order = ascending();
            int[] places = new int[order.length];
            for (int place = 0; place < order.length; place++) {
                places[order[place]] = place;
            }
            ranks = places;
        }
        return ranks;
    }

    /** How many rows come at or before the cursor ({@code inclusive}) or strictly before it, in ascending order. */
    int position(Cursor cursor, boolean inclusive) {
        return position(probe(cursor.value()), cursor.id(), inclusive);
    }

    /** How many rows have a value at most ({@code inclusive}) or below {@code bound}, whatever their id. */
    int count(BigDecimal bound, boolean inclusive) {
        return position(probe(bound), inclusive ? Long.MAX_VALUE : Long.MIN_VALUE, inclusive);
    }

    /** As {@link #count(BigDecimal, boolean)}, for a bound given as a double. */
    int count(double bound, boolean inclusive) {
        return position(row -> compareToDouble(row, bound), inclusive ? Long.MAX_VALUE : Long.MIN_VALUE, inclusive);
    }

    private int position(IntUnaryOperator rowAgainstValue, long id, boolean inclusive) {
        int[] order = ascending();
        int low = 0;
        int high = order.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            int row = order[middle];
            int byValue = rowAgainstValue.applyAsInt(row);
            int c = byValue != 0 ? byValue : Long.compare(rows[row].id(), id);
            if (c < 0 || inclusive && c == 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** How a row's value compares with {@code value}, cast as PostgreSQL casts it to this key's type. */
    abstract IntUnaryOperator probe(BigDecimal value);

    abstract int compareToDouble(int row, double value);

    abstract int compareValues(int a, int b);

    /** The value a cursor after this row carries. */
    abstract BigDecimal cursorValue(int row);

    /** A numeric expression: price, stake, free capacity, score. */
    static final class Exact extends SortKey {
        private final BigDecimal[] values;

        Exact(ListedEngine[] rows, BigDecimal[] values) {
            super(rows);
            this.values = values;
        }

        int compareValues(int a, int b) {
            return values[a].compareTo(values[b]);
        }

        IntUnaryOperator probe(BigDecimal value) {
            return row -> values[row].compareTo(value);
        }

        int compareToDouble(int row, double value) {
            return values[row].compareTo(new BigDecimal(value));
        }

        BigDecimal cursorValue(int row) {
            return values[row];
        }

        BigDecimal[] values() {
            return values;
        }
    }

    /** A double precision expression (measured latency, availability); the cursor's numeric is cast to it. */
    static final class Measured extends SortKey {
        private final double[] values;

        Measured(ListedEngine[] rows, double[] values) {
            super(rows);
            this.values = values;
        }

        int compareValues(int a, int b) {
            return compare(values[a], values[b]);
        }

        IntUnaryOperator probe(BigDecimal value) {
            double d = asDouble(value);
            return row -> compare(values[row], d);
        }

        int compareToDouble(int row, double value) {
            return compare(values[row], value);
        }

        BigDecimal cursorValue(int row) {
            return new BigDecimal(Double.toString(values[row]));
        }

        /** As PostgreSQL casts numeric to double precision: out of its range is an error, not infinity or zero. */
        private static double asDouble(BigDecimal value) {
            double d = Double.parseDouble(value.toString());
            if (Double.isInfinite(d) || d == 0 && value.signum() != 0) {
                throw new BadRequestException("the cursor is not one this API gave out");
            }
            return d;
        }
    }

    /** PostgreSQL's order of double precision values: NaN equals NaN and comes after every other value. */
    static int compare(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    static BigDecimal[] exact(ListedEngine[] rows, java.util.function.Function<ListedEngine, BigDecimal> value) {
        return Arrays.stream(rows).map(value).toArray(BigDecimal[]::new);
    }
}
