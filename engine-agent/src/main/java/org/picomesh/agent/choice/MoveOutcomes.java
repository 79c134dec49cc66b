package org.picomesh.agent.choice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a pico's {@code moving} decision ended, read from its own decisions (newest first): the pico records that it
 * asks to move before it leaves, and the outcome once it is live again, on its new host ({@code moved}, with the
 * instant of the {@code moving} it settles, so the two hosts' budgets count that move once) or on its old one
 * ({@code move-rolled-back}, which the budget does not count). Pure functions, so the rules can be tested alone.
 */
final class MoveOutcomes {
    private static final Set<String> MOVE_KINDS = Set.of(Decision.MOVING, Decision.MOVED, Decision.ROLLED_BACK);

    private MoveOutcomes() {}

    /** The pico's last {@code moving}, when nothing has settled it since. */
    static Optional<Decision> pending(List<Decision> newestFirst) {
        return newestFirst.stream().filter(d -> MOVE_KINDS.contains(d.kind())).findFirst()
                .filter(d -> Decision.MOVING.equals(d.kind()) && d.at() != null && d.to() != null);
    }

    /**
     * The decision that settles the pending move, for a pico live on engine {@code here} with its lease here and no
     * move pending on the chain: it arrived when the move was to {@code here}, it was rolled back when it was from
     * {@code here}; nothing when no move is pending or it concerns neither (this host cannot tell).
     *
     * @param why what the move protocol said when it rolled back, or null when this host does not know
     */
    static Optional<Decision> settle(List<Decision> newestFirst, long here, Instant now, String why) {
        return pending(newestFirst).flatMap(moving -> {
            if (moving.to() == here) {
                return Optional.of(new Decision(moving.at(), Decision.MOVED, moving.from(), here, "arrived on engine "
                        + here + " (asked at " + moving.at() + "): " + moving.reason(), moving.source()));
            }
            if (moving.from() != null && moving.from() == here) {
                return Optional.of(new Decision(now, Decision.ROLLED_BACK, here, moving.to(), "move rolled back: "
                        + (why == null || why.isBlank() ? "the lease stayed on engine " + here : why), moving.source()));
            }
            return Optional.empty();
        });
    }

    /**
     * Why the pico does not ask again to move to {@code target} yet: its last move there was rolled back less than
     * {@code cooldown} ago. A rolled-back move is not counted by the budget, so this keeps a target that keeps refusing
     * from being asked (a transaction from the pico's account each time) more than once per cool-down.
     */
    static Optional<String> retryHeld(List<Decision> newestFirst, long target, Instant now, Duration cooldown) {
        return newestFirst.stream().filter(d -> Decision.ROLLED_BACK.equals(d.kind()) && d.at() != null
                        && d.to() != null && d.to() == target).findFirst()
                .filter(d -> now.isBefore(d.at().plus(cooldown)))
                .map(d -> "the move to engine " + target + " was rolled back at " + d.at() + "; not asked again before "
                        + d.at().plus(cooldown));
    }
}
