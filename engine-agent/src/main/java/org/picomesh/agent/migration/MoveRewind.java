package org.picomesh.agent.migration;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a move becomes when a reorganisation drops the blocks after the common ancestor: the pure rules, applied by
 * {@link MoveRewinder} in the follower's transaction. The journal keeps the block of each event that moved it (the
 * request, the acceptance, the end), and the rules undo what a dropped event did, without ever giving up a copy of
 * the pico that may hold its newest state:
 * <ul>
 *   <li>A dropped request: the move is not on the chain any more. A source that has not seen an acceptance rolls
 *       back (its pico live here again, held events delivered here); a target that never sent an acceptance
 *       discards what it imported (no rejection: there is nothing to reject). A side that took part in an
 *       acceptance (the target may have run the pico, the source replayed its held events there) is
 *       {@link MoveState#DIVERGED}.</li>
 *   <li>A dropped acceptance (the request stays): the move is pending again. The target goes back to
 *       {@link MoveState#ACCEPTING}: its traffic is held again, its agent accepts again while the window is open,
 *       and the acceptance mined on the new branch arrives through the follower like the first one (nothing is
 *       imported, replayed or counted twice). The source stays where it is (an acceptance once seen is never taken
 *       back by the source: the target may have run the pico); it only forgets the acceptance's block, so it does
 *       not delete its copy before an acceptance is final. If the move ends instead, both sides are
 *       {@link MoveState#DIVERGED} (see {@link MoveFollower}).</li>
 *   <li>A dropped end (rejection, expiry, cancellation): the move is pending again on the chain. The source keeps
 *       its roll-back (its pico lives here again); the target, which is the one that can end it, rejects it again
 *       (a revert means it ended already).</li>
 * </ul>
 */
final class MoveRewind {
    private static final Set<MoveState> SOURCE_BEFORE_ACCEPTANCE = EnumSet.of(MoveState.REQUESTED,
            MoveState.LEAVING, MoveState.SEALED, MoveState.OFFERED);
    private static final Set<MoveState> SOURCE_AFTER_ACCEPTANCE = EnumSet.of(MoveState.ACCEPTED, MoveState.MOVED);
    private static final Set<MoveState> TARGET_ACCEPTED = EnumSet.of(MoveState.ACCEPTING, MoveState.ACCEPTED,
            MoveState.LIVE);
    private static final Set<MoveState> TARGET_NOT_ACCEPTED = EnumSet.of(MoveState.AWAITING_OFFER,
            MoveState.OFFERED, MoveState.IMPORTING, MoveState.IMPORTED, MoveState.REJECTING, MoveState.DISCARDING);
    private static final Set<MoveState> TARGET_ENDED = EnumSet.of(MoveState.REJECTING, MoveState.DISCARDING,
            MoveState.REJECTED);

    private MoveRewind() {}

    /** Which of the move's events were in the dropped blocks. */
    record Dropped(boolean request, boolean acceptance, boolean end) {
        static Dropped after(long block, long requested, Long accepted, Long ended) {
            return new Dropped(requested > block, accepted != null && accepted > block, ended != null && ended > block);
        }

        boolean any() {
            return request || acceptance || end;
        }
    }

    /** The state the move takes; its own state when the dropped events change nothing but the blocks kept. */
    static MoveState after(Side side, MoveState state, Dropped dropped) {
        return side == Side.SOURCE ? source(state, dropped) : target(state, dropped);
    }

    private static MoveState source(MoveState state, Dropped dropped) {
        if (dropped.request() && SOURCE_BEFORE_ACCEPTANCE.contains(state)) {
            return MoveState.ROLLING_BACK;
        }
        if (dropped.request() && SOURCE_AFTER_ACCEPTANCE.contains(state)) {
            return MoveState.DIVERGED;
        }
        return state;
    }

    private static MoveState target(MoveState state, Dropped dropped) {
        if (dropped.request()) {
            return TARGET_ACCEPTED.contains(state) ? MoveState.DIVERGED
                    : TARGET_NOT_ACCEPTED.contains(state) ? MoveState.DISCARDING : state;
        }
        if (dropped.acceptance() && TARGET_ACCEPTED.contains(state)) {
            return MoveState.ACCEPTING;
        }
        if (dropped.end() && TARGET_ENDED.contains(state)) {
            return MoveState.REJECTING;
        }
        return state;
    }

    /** Why, as the journal's step says it. */
    static String why(Dropped dropped, long block) {
        String what = dropped.request() ? "the move's request" : dropped.acceptance() ? "the acceptance" : "the end";
        return what + " left the chain (reorganisation back to block " + block + ")";
    }
}
