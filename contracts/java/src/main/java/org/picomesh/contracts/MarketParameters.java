package org.picomesh.contracts;

import java.math.BigInteger;
import java.time.Duration;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.utils.Convert;

/** The registry's governance parameters, with the defaults the market starts with. */
public final class MarketParameters {
    /** How long a transfer of the registry's admin role waits (OpenZeppelin's default admin rules). */
    public static final BigInteger ADMIN_DELAY = BigInteger.valueOf(Duration.ofDays(2).toSeconds());

    private MarketParameters() {}

    /**
     * 1 ether minimum stake, 0.1 ether challenge bond, 7-day unbonding, 1-hour challenge window, 10 % slash, 20 %
     * arbiter cap per case, deposits of at least one hour of rent, 10 minutes for a target engine to accept a move.
     */
    public static EngineRegistry.Parameters defaults(String treasury) {
        return new EngineRegistry.Parameters(
                Convert.toWei("1", Convert.Unit.ETHER).toBigInteger(),
                Convert.toWei("0.1", Convert.Unit.ETHER).toBigInteger(),
                seconds(Duration.ofDays(7)),
                seconds(Duration.ofHours(1)),
                BigInteger.valueOf(1_000),
                BigInteger.valueOf(2_000),
                seconds(Duration.ofHours(1)),
                seconds(Duration.ofMinutes(10)),
                treasury);
    }

    private static BigInteger seconds(Duration duration) {
        return BigInteger.valueOf(duration.toSeconds());
    }
}
