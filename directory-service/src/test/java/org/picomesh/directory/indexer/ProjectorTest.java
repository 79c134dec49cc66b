package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.events.MarketLog;

/** The projection of events into rows, without a database. */
class ProjectorTest {
    private final MarketState state = new MarketState();
    private long block = 10;

    @Test
    void aSlashTakesActiveStakeFirstThenUnbondingStake() {
        apply("EngineRegistered", "engineId", 1, "operator", "0xop", "stake", eth(2));
        apply("UnbondRequested", "engineId", 1, "amount", eth(1), "stake", eth(1), "unbonding", eth(1), "unlockAt", 99);
        apply("EngineSlashed", "engineId", 1, "cause", 0, "by", "0xarb", "amount", eth(1).add(eth(1).divide(BigInteger.TWO)),
                "stake", BigInteger.ZERO, "reasonCid", "bafy");

        EngineRow engine = state.engines.get(1L);
        assertThat(engine.stake).isZero();
        assertThat(engine.unbonding).isEqualTo(eth(1).divide(BigInteger.TWO));
        assertThat(engine.slashed).isEqualTo(eth(1).add(eth(1).divide(BigInteger.TWO)));
        assertThat(engine.sourceBlock).isEqualTo(block - 1);
    }

    @Test
    void aMovedLeaseKeepsItsPicoAndMovesTheSlot() {
        apply("LeaseOpened", "leaseId", 1, "engineId", 1, "picoDidHash", "0xh", "payer", "0xpayer", "picoDid", "did:key:a",
                "deposit", eth(1), "pricePerHour", BigInteger.TEN);
        apply("LeaseClosed", "leaseId", 1, "engineId", 1, "accrued", BigInteger.ONE, "refund", BigInteger.ZERO);
        apply("LeaseMoved", "fromLeaseId", 1, "toLeaseId", 2, "toEngineId", 2, "fromEngineId", 1, "picoDidHash", "0xh",
                "carried", eth(1).subtract(BigInteger.ONE), "pricePerHour", BigInteger.TWO);

        assertThat(state.leases.get(1L).status).isEqualTo("moved");
        assertThat(state.leases.get(1L).movedTo).isEqualTo(2L);
        assertThat(state.leases.get(2L).picoDid).isEqualTo("did:key:a");
        assertThat(state.leases.get(2L).payer).isEqualTo("0xpayer");
        assertThat(state.engines.get(1L).activeLeases).isZero();
        assertThat(state.engines.get(2L).activeLeases).isEqualTo(1);
    }

    @Test
    void readsParameterNamesFromTheirBytes32() {
        apply("ParameterChanged", "name", "0x6d696e5374616b65" + "0".repeat(48), "oldValue", BigInteger.ZERO, "newValue", eth(1));
        assertThat(state.parameters).containsEntry("minStake", eth(1));
    }

    private void apply(String name, Object... keyValues) {
        Map<String, Object> args = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            args.put((String) keyValues[i], value instanceof Integer n ? BigInteger.valueOf(n) : value);
        }
        Projector.apply(new MarketLog(name, args, block++, 0, "0xblock", "0xtx"), state);
    }

    private static BigInteger eth(long n) {
        return BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(n));
    }
}
