package org.picomesh.contracts.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The hysteresis bound, for any series of rankings: the cool-down and the window's maximum always hold. */
class MoveGateTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    /** One evaluation: seconds after the previous one, and the engine ranking first then (0 = none passes). */
    record Tick(int afterSeconds, long best) {}

    @Property(tries = 300)
    void noSeriesOfRankingsMovesMoreOftenThanThePolicyAllows(@ForAll("policies") PlacementPolicy.Moves policy,
            @ForAll @Size(min = 1, max = 400) List<@net.jqwik.api.From("ticks") Tick> ticks) {
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

    @Property(tries = 200)
    void movesOnlyToAnEngineThatRankedFirstForTheSustainedTime(@ForAll("policies") PlacementPolicy.Moves policy,
            @ForAll @Size(min = 1, max = 200) List<@net.jqwik.api.From("ticks") Tick> ticks) {
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

    @Provide
    Arbitrary<PlacementPolicy.Moves> policies() {
        return Combinators.combine(Arbitraries.longs().between(0, 120), Arbitraries.integers().between(1, 5),
                Arbitraries.longs().between(60, 3_600), Arbitraries.longs().between(0, 900))
                .as(PlacementPolicy.Moves::new);
    }

    @Provide
    Arbitrary<Tick> ticks() {
        return Combinators.combine(Arbitraries.integers().between(0, 90), Arbitraries.longs().between(0, 3))
                .as(Tick::new);
    }

    @Property(tries = 20)
    void aPolicyWithoutCooldownStillKeepsTheWindowsMaximum(@ForAll @IntRange(min = 1, max = 3) int maxMoves) {
        PlacementPolicy.Moves policy = new PlacementPolicy.Moves(0L, maxMoves, 600L, 0L);
        List<Tick> alternating = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            alternating.add(new Tick(1, i % 2 == 0 ? 2 : 1));
        }
        List<Instant> moves = run(policy, alternating);

        assertThat(moves).hasSize(maxMoves); // 300 s of flips fit one 600 s window
    }
}
