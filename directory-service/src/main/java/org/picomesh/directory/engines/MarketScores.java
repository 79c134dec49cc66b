package org.picomesh.directory.engines;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * {@link MarketScore}'s SQL computed in memory, step for step as PostgreSQL evaluates it, so that both order engines
 * alike to the last digit: numeric divisions at the scale PostgreSQL selects, rounded half away from zero; the
 * numeric terms cast to double precision where they meet the double availability; the double sum cast back to
 * numeric through 15 significant digits (as {@code float8_numeric} prints it with {@code %.15g}).
 */
final class MarketScores {
    private static final BigDecimal COST_WEIGHT = new BigDecimal("0.4");
    private static final BigDecimal STAKE_WEIGHT = new BigDecimal("0.3");
    private static final MathContext FLOAT8_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    private MarketScores() {}

    static BigDecimal[] of(ListedEngine[] rows) {
        BigDecimal[] extremes = extremes(rows);
        BigDecimal[] scores = new BigDecimal[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = score(rows[i], extremes[0], extremes[1]);
        }
        return scores;
    }

    /**
     * The scores of these rows, those of rows unchanged since the previous listing taken from its scores; null when
     * the market's highest price or stake is not what it was, which changes every score.
     */
    static BigDecimal[] following(ListedEngine[] rows, ListedEngine[] previousRows, BigDecimal[] previousScores,
            ListingChange change) {
        BigDecimal[] extremes = extremes(rows);
        // equal to the digit and the scale: the scale of a division follows the divisor's
        if (!Arrays.equals(extremes, extremes(previousRows))) {
            return null;
        }
        BigDecimal[] scores = new BigDecimal[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int before = change.previousOf[i];
            scores[i] = before >= 0 ? previousScores[before] : score(rows[i], extremes[0], extremes[1]);
        }
        return scores;
    }

    /** {highest price, highest stake}, at least 1 each, as the SQL's {@code greatest(max(...), 1)}. */
    private static BigDecimal[] extremes(ListedEngine[] rows) {
        BigDecimal maxPrice = BigDecimal.ONE;
        BigDecimal maxStake = BigDecimal.ONE;
        for (ListedEngine row : rows) {
            maxPrice = maxPrice.max(row.price());
            maxStake = maxStake.max(row.stake());
        }
        return new BigDecimal[] {maxPrice, maxStake};
    }

    static BigDecimal score(ListedEngine row, BigDecimal maxPrice, BigDecimal maxStake) {
        double cost = float8(COST_WEIGHT.multiply(BigDecimal.ONE.subtract(divide(row.price(), maxPrice))));
        double availability = 0.3 * (row.availability() == null ? 0.0 : row.availability());
        double stake = float8(STAKE_WEIGHT.multiply(divide(row.stake(), maxStake)));
        double sum = cost + availability + stake;
        if (sum == 0) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(sum).round(FLOAT8_DIGITS).stripTrailingZeros();
    }

    private static double float8(BigDecimal value) {
        return Double.parseDouble(value.toString());
    }

    /** numeric division of whole numbers: at least 16 significant digits, as {@code select_div_scale} chooses. */
    static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        int[] a = weightAndFirstDigit(dividend);
        int[] b = weightAndFirstDigit(divisor);
        int quotientWeight = a[0] - b[0] - (a[1] <= b[1] ? 1 : 0);
        int scale = Math.min(Math.max(16 - quotientWeight * 4, Math.max(dividend.scale(), divisor.scale())), 1000);
        return dividend.divide(divisor, Math.max(scale, 0), RoundingMode.HALF_UP);
    }

    /** The weight and leading digit of a whole number written in base 10,000, as PostgreSQL stores numerics. */
    private static int[] weightAndFirstDigit(BigDecimal whole) {
        String digits = whole.toBigIntegerExact().abs().toString();
        if (digits.equals("0")) {
            return new int[] {0, 0};
        }
        int groups = (digits.length() + 3) / 4;
        int lead = digits.length() - 4 * (groups - 1);
        return new int[] {groups - 1, Integer.parseInt(digits.substring(0, lead))};
    }
}
