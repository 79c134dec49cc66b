package org.picomesh.contracts.placement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a pico moves now: the hysteresis of its policy as a pure decision over what the ranking says and the time.
 * Another engine must rank first (the current host already favoured by the margin, see {@link Ranking}) for the
 * sustained time without interruption; then the move happens only if the cool-down since the last move has passed
 * and fewer than {@code maxMoves} moves fall in the window ending now. So, whatever the scores do, no two moves are
 * closer than the cool-down and no window holds more than {@code maxMoves}.
 */
public final class MoveGate {
    /**
     * What the gate remembers: the engine leading the current host and since when, and the times of past moves
     * (only those the window or the cool-down still count).
     */
    public record State(Long challenger, Instant leadingSince, List<Instant> moves) {
        public static final State START = new State(null, null, List.of());
    }

    /** Move to {@code target} now, or stay (target null); {@code reason} says why, for a person. */
    public record Decision(Long target, String reason, State next) {
        public boolean moves() {
            return target != null;
        }
    }

    private MoveGate() {}

    /**
     * @param current the pico's host now (null when it has none)
     * @param best the engine ranking first now, the margin counted (null when no engine passes the constraints)
     */
    public static Decision decide(PlacementPolicy.Moves policy, State state, Instant now, Long current, Long best) {
        List<Instant> moves = recent(state.moves(), now, policy);
        if (best == null) {
            return new Decision(null, "no engine passes the policy's constraints: staying", new State(null, null, moves));
        }
        if (best.equals(current)) {
            return new Decision(null, "the current host ranks first", new State(null, null, moves));
        }
        Instant since = best.equals(state.challenger()) ? state.leadingSince() : now;
        State waiting = new State(best, since, moves);
        Instant sustainedAt = since.plus(policy.sustained());
        if (now.isBefore(sustainedAt)) {
            return new Decision(null, "engine " + best + " ranks first since " + since + "; moving if it still does at "
                    + sustainedAt, waiting);
        }
        if (!moves.isEmpty() && now.isBefore(last(moves).plus(policy.cooldown()))) {
            return new Decision(null, "engine " + best + " ranks first, but the cool-down after the move at "
                    + last(moves) + " lasts until " + last(moves).plus(policy.cooldown()), waiting);
        }
        Instant windowStart = now.minus(policy.window());
        long inWindow = moves.stream().filter(t -> t.isAfter(windowStart)).count();
        if (inWindow >= policy.maxMoves()) {
            return new Decision(null, "engine " + best + " ranks first, but " + inWindow + " moves in the last "
                    + policy.window() + " are the policy's maximum", waiting);
        }
        List<Instant> after = new ArrayList<>(moves);
        after.add(now);
        return new Decision(best, "engine " + best + " has ranked first since " + since + " (at least "
                + policy.sustained() + ")", new State(null, null, List.copyOf(after)));
    }

    /** The past moves the window or the cool-down still count. */
    private static List<Instant> recent(List<Instant> moves, Instant now, PlacementPolicy.Moves policy) {
        Instant horizon = now.minus(policy.window().compareTo(policy.cooldown()) > 0 ? policy.window() : policy.cooldown());
        return moves.stream().filter(t -> t.isAfter(horizon)).toList();
    }

    private static Instant last(List<Instant> moves) {
        return moves.get(moves.size() - 1);
    }
}
