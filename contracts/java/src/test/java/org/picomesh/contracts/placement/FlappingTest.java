package org.picomesh.contracts.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The flapping case: two engines whose scores cross every few seconds for ten minutes, ranked as the agent
 * ranks them and gated as it gates them, on a simulated clock.
 */
class FlappingTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void twoEnginesCrossingEveryFewSecondsForTenMinutesCauseAtMostTheBoundedNumberOfMoves() {
        // no sustained time, so only the cool-down and the window hold the pico back
        PlacementPolicy policy = PolicyDocument.parse("""
                {"weights":{"cost":1},"hysteresis":0.05,
                 "moves":{"sustainedSeconds":0,"maxMoves":3,"windowSeconds":300,"cooldownSeconds":60}}""");

        int moves = flap(policy, 3);

        // cool-down 60 s over 600 s allows 10; the window allows 3 per 300 s: at most 6 (3 in each half)
        assertThat(moves).isPositive().isLessThanOrEqualTo(6);
    }

    @Test
    void withTheDefaultSustainedTimeCrossingsFasterThanItNeverMoveThePico() {
        PlacementPolicy policy = PolicyDocument.parse("{\"weights\":{\"cost\":1}}");

        assertThat(flap(policy, 5)).isZero();
    }

    /** Ten minutes, one evaluation a second; the cheaper engine swaps every {@code period} seconds. */
    private static int flap(PlacementPolicy policy, int period) {
        Long current = 1L;
        MoveGate.State state = MoveGate.State.START;
        int moves = 0;
        for (int second = 0; second < 600; second++) {
            boolean firstCheaper = (second / period) % 2 == 0;
            List<Candidate> engines = List.of(engine(1, firstCheaper ? 100 : 130), engine(2, firstCheaper ? 130 : 100));
            Ranking.Result ranked = Ranking.select(engines, policy.withCurrentEngine(current), list -> Set.of());
            MoveGate.Decision decision = MoveGate.decide(policy.moves(), state, T0.plusSeconds(second), current,
                    ranked.best().id());
            if (decision.moves()) {
                moves++;
                current = decision.target();
            }
            state = decision.next();
        }
        return moves;
    }

    private static Candidate engine(long id, long price) {
        return new Candidate(id, "listed", "https://e" + id + ".example", "eu-west", BigInteger.valueOf(price),
                BigInteger.TEN.pow(18), 4, 20, null, null);
    }
}
