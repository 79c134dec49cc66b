package org.picomesh.agent.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The journal as the worker reads it, and what puts a move off without changing its state: a wait (for the chain, a
 * retry) or a failed attempt, each a small transaction. The states' own steps are {@link SourceJournal}'s and
 * {@link TargetJournal}'s.
 */
@Component
class MoveJournal {
    /** How often a move waiting for the chain is looked at again, at most. */
    static final Duration CHAIN_RECHECK = Duration.ofSeconds(15);

    private final MoveRepository moves;

    MoveJournal(MoveRepository moves) {
        this.moves = moves;
    }

    /** The move as it is now, detached: what the worker acts on. */
    @Transactional(readOnly = true)
    Optional<Move> load(long id) {
        return moves.findById(id);
    }

    /** Whether an older move of the same pico on the same side is still open. */
    @Transactional(readOnly = true)
    boolean olderOpen(Move move) {
        return moves.olderOpen(move.side(), move.pico(), move.id());
    }

    @Transactional(readOnly = true)
    List<Long> due() {
        return moves.findDue(Instant.now());
    }

    /**
     * Either side, letting the pico run: the scheduled events as they will be restored (see {@link ScheduleCatchUp}),
     * recorded before any is; the state stays {@code state}.
     */
    @Transactional
    void schedulesPlanned(long id, MoveState state, String plan) {
        Move move = moves.findById(id).orElseThrow(() -> new MoveConflict("move " + id + " is gone"));
        if (move.state() != state) {
            throw new MoveConflict("move " + id + " is " + move.state() + ", not " + state + ": left to its new state");
        }
        move.schedules(plan);
    }

    /** An attempt failed; the next is due after {@code wait}. */
    @Transactional
    void failed(long id, Duration wait, String why) {
        moves.findById(id).ifPresent(m -> {
            m.failedAttempt(wait);
            m.because(why);
        });
    }

    /** Nothing to do for this move before {@code at}. */
    @Transactional
    void later(long id, Instant at) {
        moves.findById(id).ifPresent(m -> m.dueAt(at));
    }

    /**
     * The move waits for the chain (an acceptance, an offer): look again at its deadline, or sooner, since the chain's
     * clock (which the window is counted in) may run ahead of this machine's.
     */
    @Transactional
    void waitForChain(long id, Instant deadline) {
        later(id, earliest(deadline, Instant.now().plus(CHAIN_RECHECK)));
    }

    static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The CIDs of the moves in progress: every other stored snapshot is left over (a crash before it was recorded). */
    @Transactional(readOnly = true)
    Set<String> openCids() {
        return Set.copyOf(moves.findOpenCids());
    }

    /** The target engine of the source move in progress whose snapshot is {@code cid}. */
    @Transactional(readOnly = true)
    Optional<Long> offeredTo(String cid) {
        return moves.findBySideAndCid(Side.SOURCE, cid).filter(m -> !m.state().terminal()).map(Move::toEngineId);
    }

    /** The move changed under the worker (the follower saw the chain end it): the worker re-reads it. */
    static final class MoveConflict extends RuntimeException {
        MoveConflict(String message) {
            super(message);
        }
    }
}
