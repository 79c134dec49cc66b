package org.picomesh.agent.market;

import java.math.BigInteger;

/**
 * A lease's rent as its pico's policy wants it: a deposit that pays {@code prepaidSeconds} ahead at the lease's
 * price, and a top-up back to that once less than {@code share} of it is left. Pure arithmetic on chain figures, so a
 * decision made after a restart is the decision made before it.
 */
record RentPlan(BigInteger pricePerHour, long prepaidSeconds) {
    private static final BigInteger HOUR = BigInteger.valueOf(3600);

    /** The deposit that pays {@code prepaidSeconds} of hosting (rounded up to a whole wei). */
    BigInteger deposit() {
        BigInteger[] qr = pricePerHour.multiply(BigInteger.valueOf(prepaidSeconds)).divideAndRemainder(HOUR);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** Seconds of hosting {@code remaining} wei pays for (capped at a century for a free engine). */
    long runwaySeconds(BigInteger remaining) {
        if (pricePerHour.signum() == 0) {
            return 100L * 365 * 86_400;
        }
        BigInteger seconds = remaining.max(BigInteger.ZERO).multiply(HOUR).divide(pricePerHour);
        return seconds.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /** Whether a lease with {@code remaining} wei left is due a top-up. */
    boolean due(BigInteger remaining, double share) {
        return pricePerHour.signum() > 0 && runwaySeconds(remaining) < share * prepaidSeconds;
    }

    /** What brings a lease with {@code remaining} wei back to the full prepaid period. */
    BigInteger topUp(BigInteger remaining) {
        return deposit().subtract(remaining.max(BigInteger.ZERO)).max(BigInteger.ZERO);
    }
}
