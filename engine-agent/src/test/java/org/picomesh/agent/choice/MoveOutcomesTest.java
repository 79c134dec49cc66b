package org.picomesh.agent.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.placement.MoveGate;
import org.picomesh.contracts.placement.PlacementPolicy;

class MoveOutcomesTest {
    private static final Instant ASKED = Instant.parse("2026-12-01T18:00:00.123Z");
    private static final Instant LATER = ASKED.plusSeconds(20);
    private static final Decision MOVING = new Decision(ASKED, Decision.MOVING, 1L, 2L, "asking to move to engine 2",
            "chain");
    private static final Decision STAYED = new Decision(ASKED.plusSeconds(1), Decision.STAYED, 1L, null, "waiting",
            "chain");

    @Test
    void aMoveIsMovedOnlyOnceThePicoIsLiveOnItsTargetWithTheInstantItWasAskedAt() {
        Decision moved = MoveOutcomes.settle(List.of(STAYED, MOVING), 2, LATER, null).orElseThrow();

        assertThat(moved.kind()).isEqualTo(Decision.MOVED);
        assertThat(moved.at()).as("the source's budget counted this instant: one move, not two").isEqualTo(ASKED);
        assertThat(moved.from()).isEqualTo(1L);
        assertThat(moved.to()).isEqualTo(2L);
        assertThat(moved.reason()).startsWith("arrived on engine 2").contains("asking to move to engine 2");
    }

    @Test
    void aMoveThatEndedWithThePicoStillOnItsSourceReadsAsRolledBackWithTheProtocolsReason() {
        Decision back = MoveOutcomes.settle(List.of(MOVING), 1, LATER, "rejected by the target: no room").orElseThrow();

        assertThat(back.kind()).isEqualTo(Decision.ROLLED_BACK);
        assertThat(back.at()).isEqualTo(LATER);
        assertThat(back.reason()).isEqualTo("move rolled back: rejected by the target: no room");
        assertThat(MoveOutcomes.settle(List.of(MOVING), 1, LATER, null).orElseThrow().reason())
                .as("the reason lost (a restart): what the host knows").isEqualTo(
                        "move rolled back: the lease stayed on engine 1");
    }

    @Test
    void aSettledMoveIsNotSettledTwiceAndAThirdEngineLeavesItAlone() {
        Decision moved = MoveOutcomes.settle(List.of(MOVING), 2, LATER, null).orElseThrow();

        assertThat(MoveOutcomes.settle(List.of(moved, MOVING), 2, LATER, null)).isEmpty();
        assertThat(MoveOutcomes.settle(List.of(STAYED), 1, LATER, null)).as("nothing pending").isEmpty();
        assertThat(MoveOutcomes.settle(List.of(MOVING), 3, LATER, null)).as("neither its source nor its target")
                .isEmpty();
    }

    @Test
    void aTargetWhoseMoveRolledBackIsNotAskedAgainWithinTheCooldownButAnotherIs() {
        Decision back = new Decision(ASKED, Decision.ROLLED_BACK, 1L, 2L, "move rolled back: rejected",
                "chain");
        Duration cooldown = Duration.ofSeconds(30);

        assertThat(MoveOutcomes.retryHeld(List.of(STAYED, back), 2, ASKED.plusSeconds(29), cooldown)).hasValueSatisfying(
                why -> assertThat(why).contains("rolled back at " + ASKED, "not asked again before "
                        + ASKED.plusSeconds(30)));
        assertThat(MoveOutcomes.retryHeld(List.of(back), 2, ASKED.plusSeconds(30), cooldown)).isEmpty();
        assertThat(MoveOutcomes.retryHeld(List.of(back), 3, ASKED.plusSeconds(1), cooldown)).isEmpty();
    }

    /**
     * Seeded random histories of asks, each rolled back or completed: the gate's budget, kept as the agent keeps it
     * (an attempt counted when asked, taken back when rolled back), never counts a rolled-back move, and the moves
     * the pico made are never more than the policy's maximum in a window nor closer than its cool-down.
     */
    @Test
    void theBudgetCountsTheMovesMadeAndNeverMoreThanThePolicyAllows() {
        var policy = new PlacementPolicy.Moves(0L, 2, 600L, 60L);
        for (long seed = 1; seed <= 100; seed++) {
            java.util.Random random = new java.util.Random(seed);
            GateRow row = new GateRow("0x" + "b".repeat(40));
            List<Instant> made = new java.util.ArrayList<>();
            Instant now = ASKED;
            for (int step = 0; step < 60; step++) {
                now = now.plusSeconds(1 + random.nextInt(40));
                MoveGate.Decision gate = MoveGate.decide(policy, row.state(), now, 1L, 2L);
                row.remember(gate.next(), gate.reason(), now);
                if (gate.moves()) {
                    if (random.nextBoolean()) {
                        row.forget(now, now.plusSeconds(1));
                    } else {
                        made.add(now);
                    }
                }
                assertThat(row.state().moves()).as("seed " + seed).allMatch(made::contains);
            }
            for (int i = 1; i < made.size(); i++) {
                assertThat(Duration.between(made.get(i - 1), made.get(i))).as("seed " + seed)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(60));
                Instant end = made.get(i);
                assertThat(made.stream().filter(t -> t.isAfter(end.minusSeconds(600)) && !t.isAfter(end)).count())
                        .as("seed " + seed).isLessThanOrEqualTo(2);
            }
        }
    }
}
