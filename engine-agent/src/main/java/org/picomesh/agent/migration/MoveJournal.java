package org.picomesh.agent.migration;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The worker's steps of the journal: each a small transaction that checks the move is still where the worker found it
 * (the row's version guards against the follower changing it meanwhile), records the new state with its time and
 * publishes the step's event in the same transaction, so that the front door's state never lags the journal's.
 */
@Component
class MoveJournal {
    /** How often a move waiting for the chain is looked at again, at most. */
    static final Duration CHAIN_RECHECK = Duration.ofSeconds(15);

    private final MoveRepository moves;
    private final HostedPicoRepository picos;
    private final ApplicationEventPublisher events;
    private final MoveMetrics metrics;

    MoveJournal(MoveRepository moves, HostedPicoRepository picos, ApplicationEventPublisher events,
            MoveMetrics metrics) {
        this.moves = moves;
        this.picos = picos;
        this.events = events;
        this.metrics = metrics;
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

    @Transactional
    void leaving(long id, String adminEci, List<String> ecis) {
        step(id, EnumSet.of(MoveState.REQUESTED), MoveState.LEAVING, null, m -> {
            m.adminEci(adminEci);
            m.ecis(ecis);
        }, m -> new PicoLeaving(m.pico(), m.ecis(), m.leaseId()));
    }

    @Transactional
    void sealed(long id, String cid) {
        step(id, EnumSet.of(MoveState.LEAVING), MoveState.SEALED, cid, m -> m.cid(cid), m -> null);
    }

    @Transactional
    void offered(long id) {
        step(id, EnumSet.of(MoveState.SEALED), MoveState.OFFERED, null, m -> m.dueAt(earliest(m.deadline(),
                Instant.now().plus(CHAIN_RECHECK))), m -> null);
    }

    @Transactional
    void moved(long id, URI to, Duration grace) {
        step(id, EnumSet.of(MoveState.ACCEPTED), MoveState.MOVED, to.toString(), m -> {
            m.dueAt(Instant.now().plus(grace));
            picos.findById(m.pico()).ifPresent(picos::delete);
            metrics.paused(m);
        }, m -> new PicoMovedAway(m.pico(), m.ecis(), m.leaseId(), to));
    }

    @Transactional
    void done(long id) {
        step(id, EnumSet.of(MoveState.MOVED), MoveState.DONE, null, m -> metrics.ended(m, "completed"), m -> null);
    }

    /** Source: the moved copy went before its grace was over, as the pico moves back here ({@link MovedCopies}). */
    @Transactional
    void superseded(long id, String why) {
        step(id, EnumSet.of(MoveState.MOVED), MoveState.DONE, why, m -> metrics.ended(m, "completed"), m -> null);
    }

    @Transactional
    void rolledBack(long id) {
        step(id, EnumSet.of(MoveState.ROLLING_BACK), MoveState.ROLLED_BACK, null, m -> metrics.ended(m, "rolled_back"),
                m -> m.ecis().isEmpty() ? null : new PicoStayed(m.pico(), m.ecis(), m.leaseId(), m.reason()));
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

    /** Target: what the import will make this engine hold, recorded before it is tried. */
    @Transactional
    void importing(long id, String adminEci, List<String> ecis) {
        step(id, EnumSet.of(MoveState.OFFERED), MoveState.IMPORTING, adminEci, m -> {
            m.adminEci(adminEci);
            m.ecis(ecis);
        }, m -> null);
    }

    @Transactional
    void imported(long id, String adminEci, List<String> ecis, String schedules) {
        step(id, EnumSet.of(MoveState.IMPORTING), MoveState.IMPORTED, adminEci, m -> {
            m.adminEci(adminEci);
            m.ecis(ecis);
            m.schedules(schedules);
        }, m -> new PicoArriving(m.pico(), m.ecis(), m.leaseId()));
    }

    /**
     * Target: the acceptance was mined ({@code block}, or null when it was found on the chain after a restart); the
     * pico goes live once the follower sees it, so a reorganisation that drops it always finds it recorded.
     */
    @Transactional
    void accepting(long id, Long block) {
        step(id, EnumSet.of(MoveState.IMPORTED), MoveState.ACCEPTING, block == null ? null : "mined in block " + block,
                m -> {
                    m.acceptedBlock(block);
                    m.dueAt(Instant.now().plus(CHAIN_RECHECK));
                }, m -> null);
    }

    /** Target: accepted again after a reorganisation took the acceptance back, mined in {@code block}. */
    @Transactional
    void acceptedAgain(long id, long block) {
        Move move = moves.findById(id).filter(m -> m.state() == MoveState.ACCEPTING).orElseThrow(() ->
                new MoveConflict("move " + id + " is no longer accepting"));
        move.acceptedBlock(block);
        move.noted("accepted again, mined in block " + block, null);
        move.dueAt(Instant.now().plus(CHAIN_RECHECK));
    }

    @Transactional
    void live(long id, long toLeaseId) {
        step(id, EnumSet.of(MoveState.ACCEPTED), MoveState.LIVE, null, m -> {
            m.toLeaseId(toLeaseId);
            m.schedules(null); // restored: a pico held again after a reorganisation must not restore them twice
            HostedPico hosted = picos.findById(m.pico()).orElseGet(() -> new HostedPico(m.pico(), m.adminEci(), null));
            hosted.leased(toLeaseId);
            picos.save(hosted);
            if (m.steps().stream().filter(s -> s.state() == MoveState.LIVE).count() == 1) {
                metrics.ended(m, "completed"); // once: live again after a reorganisation is the same move
            }
        }, m -> new PicoArrived(m.pico(), m.ecis(), m.leaseId()));
    }

    /** Target: the move cannot go on; what was imported (if anything: {@code adminEci}) is to be deleted. */
    @Transactional
    void rejecting(long id, String reason, String adminEci) {
        step(id, EnumSet.of(MoveState.AWAITING_OFFER, MoveState.OFFERED, MoveState.IMPORTING, MoveState.IMPORTED),
                MoveState.REJECTING,
                reason, m -> {
                    m.because(reason);
                    if (adminEci != null) {
                        m.adminEci(adminEci);
                    }
                }, m -> null);
    }

    @Transactional
    void rejected(long id) {
        step(id, EnumSet.of(MoveState.REJECTING, MoveState.DISCARDING), MoveState.REJECTED, null,
                m -> metrics.ended(m, "rolled_back"), m -> m.ecis().isEmpty() ? null
                        : new PicoTurnedAway(m.pico(), m.ecis(), m.leaseId(), m.reason()));
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

    private static Instant earliest(Instant a, Instant b) {
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

    private void step(long id, Set<MoveState> from, MoveState next, String detail, Consumer<Move> change,
            Function<Move, Object> event) {
        Move move = moves.findById(id).orElseThrow(() -> new MoveConflict("move " + id + " is gone"));
        if (!from.contains(move.state())) {
            throw new MoveConflict("move " + id + " is " + move.state() + ", not " + from + ": left to its new state");
        }
        move.to(next, detail); // first: a change may put the next attempt off (a grace period)
        change.accept(move);
        moves.save(move);
        Object published = event.apply(move);
        if (published != null) {
            events.publishEvent(published);
        }
    }

    /** The move changed under the worker (the follower saw the chain end it): the worker re-reads it. */
    static final class MoveConflict extends RuntimeException {
        MoveConflict(String message) {
            super(message);
        }
    }
}
