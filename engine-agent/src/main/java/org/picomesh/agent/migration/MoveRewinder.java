package org.picomesh.agent.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Undoes, in the follower's transaction, what the moves' events in dropped blocks did ({@link MoveRewind} has the
 * rules): it forgets the dropped blocks, sets each move touched to its new state (due at once, so the worker
 * re-derives from the chain what to do) and, when a target's pico stops running here, holds its traffic again in
 * the same transaction. Nothing here calls the engine or another agent.
 */
@Component
class MoveRewinder {
    private static final Logger log = LoggerFactory.getLogger(MoveRewinder.class);

    private final MoveRepository moves;
    private final ApplicationEventPublisher events;
    private final MoveMetrics metrics;

    MoveRewinder(MoveRepository moves, ApplicationEventPublisher events, MoveMetrics metrics) {
        this.moves = moves;
        this.events = events;
        this.metrics = metrics;
    }

    void rewind(long block) {
        for (Move move : moves.findTouchedAfter(block)) {
            var dropped = MoveRewind.Dropped.after(block, move.requestedBlock(), move.acceptedBlock(),
                    move.endedBlock());
            if (dropped.any()) {
                rewind(move, dropped, block);
            }
        }
    }

    private void rewind(Move move, MoveRewind.Dropped dropped, long block) {
        MoveState before = move.state();
        MoveState next = MoveRewind.after(move.side(), before, dropped);
        String why = MoveRewind.why(dropped, block);
        forget(move, dropped);
        boolean reopens = before.terminal() && !next.terminal();
        if (reopens && !latest(move)) {
            log.warn("move {} ({} {}): {}, but a newer move of lease {} is open: left as it is", move.id(),
                    move.side(), before, why, move.leaseId());
            return;
        }
        if (before == MoveState.DONE && dropped.acceptance()) {
            log.error("move {}: {}, but pico {}'s copy here was deleted already: the acceptance was taken as final "
                    + "too early; the target holds the pico", move.id(), why, move.pico());
        }
        if (next == before) { // nothing to redo (a roll-back that stays, a moved copy kept): noted, timing kept
            move.noted(why, null);
            moves.save(move);
            log.warn("move {} ({} pico {}, lease {}): {}: stays {}", move.id(), move.side(), move.pico(),
                    move.leaseId(), why, before);
            return;
        }
        if (next == MoveState.DISCARDING || next == MoveState.ROLLING_BACK) {
            move.because(why); // a rejection sent again keeps its first reason
        }
        move.to(next, why, null);
        moves.save(move);
        if (before == MoveState.LIVE && move.side() == Side.TARGET) {
            events.publishEvent(new PicoArriving(move.pico(), move.ecis(), move.leaseId())); // held until accepted
        }
        if (next == MoveState.DIVERGED) {
            diverged(move, why);
        } else {
            log.warn("move {} ({} pico {}, lease {}): {}: {} -> {}", move.id(), move.side(), move.pico(),
                    move.leaseId(), why, before, next);
        }
    }

    /** Loudly: a person has to decide (see {@link MoveState#DIVERGED}). */
    void diverged(Move move, String why) {
        move.because(why);
        metrics.ended(move, "diverged");
        log.error("move {} ({} pico {}, lease {}) DIVERGED: {}. The chain puts the pico on engine {}, but the "
                + "target holds its newer state; the source's copy stays marked moved, the target's is held. Move "
                + "the lease to engine {} again to resolve it.", move.id(), move.side(), move.pico(), move.leaseId(),
                why, move.fromEngineId(), move.toEngineId());
    }

    private static void forget(Move move, MoveRewind.Dropped dropped) {
        if (dropped.acceptance()) {
            move.acceptedBlock(null);
        }
        if (dropped.end()) {
            move.endedBlock(null);
        }
    }

    private boolean latest(Move move) {
        return moves.findBySideAndLeaseId(move.side(), move.leaseId()).map(m -> m.id().equals(move.id()))
                .orElse(true);
    }
}
