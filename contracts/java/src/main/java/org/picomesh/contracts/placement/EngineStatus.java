package org.picomesh.contracts.placement;

import java.math.BigInteger;

/**
 * An engine's status from its registry state, the same rule as the directory's {@code engine_listing} view: only a
 * {@code listed} engine takes new leases.
 */
public final class EngineStatus {
    public static final String LISTED = "listed";

    private EngineStatus() {}

    /** unbonding, listed, slashed or delisted (an engine not yet confirmed is not given to this). */
    public static String of(BigInteger stake, BigInteger unbonding, boolean halted, BigInteger slashed,
            BigInteger minStake) {
        if (unbonding.signum() > 0) {
            return "unbonding";
        }
        if (stake.compareTo(minStake) >= 0 && !halted) {
            return LISTED;
        }
        return slashed.signum() > 0 ? "slashed" : "delisted";
    }
}
