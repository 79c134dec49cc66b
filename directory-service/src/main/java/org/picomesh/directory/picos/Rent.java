package org.picomesh.directory.picos;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import org.picomesh.directory.api.Metric;

/**
 * What is left of a lease's deposit, counted as the escrow counts it: the lease accrues {@code pricePerHour} from
 * its start, pro rata by the second, up to its deposit; claims move what accrued to the engine. Amounts in ETH.
 *
 * @param deposit all that was paid in (opening deposit, carried deposit and top-ups)
 * @param accrued what the engine has earned so far
 * @param claimed what of that the engine has already claimed
 * @param left what remains for rent to come
 * @param pricePerHour the lease's price
 * @param startedAt when the lease started accruing (its opening block's time)
 * @param asOf the chain time this is counted at (the newest block's)
 * @param paidUntil when the deposit runs out at this price, unless topped up (null at a price of zero)
 * @param exhausted whether nothing is left
 */
record Rent(Metric deposit, Metric accrued, Metric claimed, Metric left, Metric pricePerHour, Instant startedAt,
        Instant asOf, Instant paidUntil, boolean exhausted) {
    private static final BigInteger HOUR = BigInteger.valueOf(3600);
    /** About 31,700 years: a later end is as good as never, and Instant ends near a billion years. */
    private static final BigInteger FAR = BigInteger.valueOf(1_000_000_000_000L);

    static Rent of(BigInteger deposit, BigInteger claimed, BigInteger pricePerHour, Instant startedAt, Instant asOf) {
        long elapsed = Math.max(0, asOf.getEpochSecond() - startedAt.getEpochSecond());
        BigInteger due = pricePerHour.multiply(BigInteger.valueOf(elapsed)).divide(HOUR);
        BigInteger accrued = due.min(deposit);
        BigInteger left = deposit.subtract(accrued);
        Instant paidUntil = pricePerHour.signum() == 0 ? null
                : startedAt.plusSeconds(deposit.multiply(HOUR).divide(pricePerHour).min(FAR).longValueExact());
        return new Rent(ether(deposit), ether(accrued), ether(claimed), ether(left),
                Metric.onchain(eth(pricePerHour), "ETH/pico-hour"), startedAt, asOf, paidUntil, left.signum() == 0);
    }

    private static Metric ether(BigInteger wei) {
        return Metric.onchain(eth(wei), "ETH");
    }

    /** Wei as an exact decimal number of ether. */
    static String eth(BigInteger wei) {
        BigDecimal ether = new BigDecimal(wei).movePointLeft(18).stripTrailingZeros();
        return ether.signum() == 0 ? "0" : ether.toPlainString();
    }
}
