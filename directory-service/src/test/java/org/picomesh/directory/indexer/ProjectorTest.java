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
                "stake", BigInteger.ZERO, "unbonding", eth(1).divide(BigInteger.TWO), "caseId", "0xc", "reasonCid", "bafy");
        apply("EngineHalted", "engineId", 1, "epoch", 0, "at", 1_000);

        EngineRow engine = state.engines.get(1L);
        assertThat(engine.stake).isZero();
        assertThat(engine.unbonding).isEqualTo(eth(1).divide(BigInteger.TWO));
        assertThat(engine.slashed).isEqualTo(eth(1).add(eth(1).divide(BigInteger.TWO)));
        assertThat(engine.sourceBlock).isEqualTo(block - 1);
        assertThat(engine.halted).isTrue();
        assertThat(engine.epoch).isEqualTo(1);
    }

    @Test
    void aPendingMoveHoldsATargetSlotThatTheAcceptedLeaseTakesOver() {
        apply("LeaseOpened", "leaseId", 1, "engineId", 1, "pico", "0xpico", "deposit", eth(1), "pricePerHour",
                BigInteger.TEN, "epoch", 0);
        apply("MoveRequested", "leaseId", 1, "pico", "0xpico", "toEngineId", 2, "pricePerHour", BigInteger.TWO,
                "deadline", 600);
        assertThat(state.engines.get(2L).activeLeases).as("the slot held on the target").isEqualTo(1);
        assertThat(state.leases.get(1L).moveTo).isEqualTo(2L);

        apply("LeaseClosed", "leaseId", 1, "engineId", 1, "pico", "0xpico", "reason", 1, "accrued", BigInteger.ONE,
                "refund", BigInteger.ZERO);
        apply("LeaseOpened", "leaseId", 2, "engineId", 2, "pico", "0xpico", "deposit", eth(1).subtract(BigInteger.ONE),
                "pricePerHour", BigInteger.TWO, "epoch", 0);
        apply("MoveAccepted", "fromLeaseId", 1, "toLeaseId", 2, "pico", "0xpico", "toEngineId", 2,
                "carried", eth(1).subtract(BigInteger.ONE));

        assertThat(state.leases.get(1L).status).isEqualTo("moved");
        assertThat(state.leases.get(1L).movedTo).isEqualTo(2L);
        assertThat(state.leases.get(1L).moveTo).isNull();
        assertThat(state.leases.get(2L).pico).isEqualTo("0xpico");
        assertThat(state.engines.get(1L).activeLeases).isZero();
        assertThat(state.engines.get(2L).activeLeases).isEqualTo(1);
    }

    @Test
    void aRejectedMoveFreesTheTargetSlotAndLeavesTheLease() {
        apply("LeaseOpened", "leaseId", 1, "engineId", 1, "pico", "0xpico", "deposit", eth(1), "pricePerHour",
                BigInteger.TEN, "epoch", 0);
        apply("MoveRequested", "leaseId", 1, "pico", "0xpico", "toEngineId", 2, "pricePerHour", BigInteger.TWO,
                "deadline", 600);
        apply("MoveRejected", "leaseId", 1, "toEngineId", 2, "pico", "0xpico", "reason", "hash mismatch");

        assertThat(state.leases.get(1L).status).isEqualTo("active");
        assertThat(state.leases.get(1L).moveTo).isNull();
        assertThat(state.engines.get(1L).activeLeases).isEqualTo(1);
        assertThat(state.engines.get(2L).activeLeases).isZero();
    }

    @Test
    void countsOpenChallengesAndKeepsTheLatestDeadline() {
        apply("ChallengeOpened", "challengeId", 1, "engineId", 1, "challenger", "0xc", "bond", 1, "deadline", 100);
        apply("ChallengeOpened", "challengeId", 2, "engineId", 1, "challenger", "0xd", "bond", 1, "deadline", 160);
        apply("ChallengeAnswered", "challengeId", 1, "engineId", 1, "by", "0xa", "bond", 1);
        assertThat(state.engines.get(1L).openChallenges).isEqualTo(1);
        assertThat(state.engines.get(1L).challengeDeadline).isEqualTo(160L);
        apply("ChallengeExecuted", "challengeId", 2, "engineId", 1, "challenger", "0xd", "slashed", 5);
        assertThat(state.engines.get(1L).openChallenges).isZero();
        assertThat(state.engines.get(1L).challengeDeadline).isNull();
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
