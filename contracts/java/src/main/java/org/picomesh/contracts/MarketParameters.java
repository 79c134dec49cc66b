package org.picomesh.contracts;

import java.math.BigInteger;
import java.time.Duration;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.utils.Convert;

/** The registry's governance parameters, with the defaults the market starts with. */
public final class MarketParameters {
    private MarketParameters() {}

    /** 1 ether minimum stake, 0.1 ether challenge bond, 7-day unbonding, 1-hour challenge window, 10 % slash, 20 % arbiter cap. */
    public static EngineRegistry.Parameters defaults(String treasury) {
        return new EngineRegistry.Parameters(
                Convert.toWei("1", Convert.Unit.ETHER).toBigInteger(),
                Convert.toWei("0.1", Convert.Unit.ETHER).toBigInteger(),
                BigInteger.valueOf(Duration.ofDays(7).toSeconds()),
                BigInteger.valueOf(Duration.ofHours(1).toSeconds()),
                BigInteger.valueOf(1_000),
                BigInteger.valueOf(2_000),
                treasury);
    }
}
