package org.picomesh.contracts.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hysteresis bound, for any series of rankings: the cool-down and the window's maximum always hold. Property
 * tests over seeded random cases (each failure names its seed, so it can be replayed); jqwik, tried first, asks in
 * its own output not to be used by an AI agent, which wrote these tests, so plain JUnit it is.
 */
class MoveGateTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final long SEED = 20261201L;

    /** One evaluation: seconds after the previous one, and the engine ranking first then (0 = none passes). */
    record Tick(int afterSeconds, long best) {}

    @Test
    void noSeriesOfRankingsMovesMoreOftenThanThePolicyAllows() {
        forEachCase(300, 400, this::movesWithinTheBound);
    }

    @Test
    void movesOnlyToAnEngineThatRankedFirstForTheSustainedTime() {
        forEachCase(200, 200, this::movesOnlyAfterSustainedLead);
    }

    /** {@code cases} random policies, each with a random series of 1 to {@code maxTicks} evaluations. */
    private static void forEachCase(int cases, int maxTicks, BiConsumer<PlacementPolicy.Moves, List<Tick>> property) {
        for (int i = 0; i < cases; i++) {
            long seed = SEED + i;
            Random random = new Random(seed);
            PlacementPolicy.Moves policy = new PlacementPolicy.Moves(between(random, 0, 120), (int) between(random, 1, 5),
                    between(random, 60, 3_600), between(random, 0, 900));
            List<Tick> ticks = new ArrayList<>();
            for (int n = (int) between(random, 1, maxTicks); n > 0; n--) {
                ticks.add(new Tick((int) between(random, 0, 90), between(random, 0, 3)));
            }
            try {
                property.accept(policy, ticks);
            } catch (AssertionError e) {
                throw new AssertionError("case with seed " + seed + ": " + policy + ", " + ticks.size() + " ticks", e);
            }
        }
    }

    private static long between(Random random, long min, long max) {
        return min + (long) random.nextInt((int) (max - min + 1));
    }

    private void movesWithinTheBound(PlacementPolicy.Moves policy, List<Tick> ticks) {
        List<Instant> moves = run(policy, ticks);

        for (int i = 1; i < moves.size(); i++) {
            assertThat(Duration.between(moves.get(i - 1), moves.get(i))).isGreaterThanOrEqualTo(policy.cooldown());
        }
        for (Instant end : moves) {
            Instant start = end.minus(policy.window());
            assertThat(moves.stream().filter(t -> t.isAfter(start) && !t.isAfter(end)).count())
                    .isLessThanOrEqualTo(policy.maxMoves());
        }
    }

    private void movesOnlyAfterSustainedLead(PlacementPolicy.Moves policy, List<Tick> ticks) {
        MoveGate.State state = MoveGate.State.START;
        Instant now = T0;
        Long current = 1L;
        List<Instant> leadingSince = new ArrayList<>();
        Long leader = null;
        for (Tick tick : ticks) {
            now = now.plusSeconds(tick.afterSeconds());
            Long best = tick.best() == 0 ? null : tick.best();
            if (best == null || !best.equals(leader)) {
                leader = best;
                leadingSince.add(now);
            }
            MoveGate.Decision decision = MoveGate.decide(policy, state, now, current, best);
            if (decision.moves()) {
                assertThat(decision.target()).isEqualTo(best).isNotEqualTo(current);
                Instant since = leadingSince.get(leadingSince.size() - 1);
                assertThat(Duration.between(since, now)).isGreaterThanOrEqualTo(policy.sustained());
                current = decision.target();
                leader = current;
            }
            state = decision.next();
        }
    }

    static List<Instant> run(PlacementPolicy.Moves policy, List<Tick> ticks) {
        MoveGate.State state = MoveGate.State.START;
        Instant now = T0;
        Long current = 1L;
        List<Instant> moves = new ArrayList<>();
        for (Tick tick : ticks) {
            now = now.plusSeconds(tick.afterSeconds());
            MoveGate.Decision decision = MoveGate.decide(policy, state, now, current, tick.best() == 0 ? null : tick.best());
            if (decision.moves()) {
                moves.add(now);
                current = decision.target();
            }
            state = decision.next();
        }
        return moves;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aPolicyWithoutCooldownStillKeepsTheWindowsMaximum(int maxMoves) {
        PlacementPolicy.Moves policy = new PlacementPolicy.Moves(0L, maxMoves, 600L, 0L);
        List<Tick> alternating = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            alternating.add(new Tick(1, i % 2 == 0 ? 2 : 1));
        }
        List<Instant> moves = run(policy, alternating);

        assertThat(moves).hasSize(maxMoves); // 300 s of flips fit one 600 s window
    }
}
