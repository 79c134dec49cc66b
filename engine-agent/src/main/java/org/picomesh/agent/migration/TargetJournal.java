package org.picomesh.agent.migration;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The target's steps of the journal, each a small transaction ({@link JournalStep}): what the import will hold, the
 * pico imported, the acceptance mined, the pico live; or the move rejected and what was imported deleted.
 */
@Component
class TargetJournal {
    private final JournalStep steps;
    private final MoveRepository moves;
    private final HostedPicoRepository picos;
    private final MoveMetrics metrics;

    TargetJournal(JournalStep steps, MoveRepository moves, HostedPicoRepository picos, MoveMetrics metrics) {
        this.steps = steps;
        this.moves = moves;
        this.picos = picos;
        this.metrics = metrics;
    }

    /** What the import will make this engine hold, recorded before it is tried. */
    @Transactional
    void importing(long id, String adminEci, List<String> ecis) {
        steps.step(id, EnumSet.of(MoveState.OFFERED), MoveState.IMPORTING, adminEci, m -> {
            m.adminEci(adminEci);
            m.ecis(ecis);
        }, m -> null);
    }

    @Transactional
    void imported(long id, String adminEci, List<String> ecis, String schedules) {
        steps.step(id, EnumSet.of(MoveState.IMPORTING), MoveState.IMPORTED, adminEci, m -> {
            m.adminEci(adminEci);
            m.ecis(ecis);
            m.schedules(schedules);
        }, m -> new PicoArriving(m.pico(), m.ecis(), m.leaseId()));
    }

    /**
     * The acceptance was mined ({@code block}, or null when it was found on the chain after a restart); the pico goes
     * live once the follower sees it, so a reorganisation that drops it always finds it recorded.
     */
    @Transactional
    void accepting(long id, Long block) {
        steps.step(id, EnumSet.of(MoveState.IMPORTED), MoveState.ACCEPTING,
                block == null ? null : "mined in block " + block, m -> {
                    m.acceptedBlock(block);
                    m.dueAt(Instant.now().plus(MoveJournal.CHAIN_RECHECK));
                }, m -> null);
    }

    /** Accepted again after a reorganisation took the acceptance back, mined in {@code block}. */
    @Transactional
    void acceptedAgain(long id, long block) {
        Move move = moves.findById(id).filter(m -> m.state() == MoveState.ACCEPTING).orElseThrow(() ->
                new MoveJournal.MoveConflict("move " + id + " is no longer accepting"));
        move.acceptedBlock(block);
        move.noted("accepted again, mined in block " + block, null);
        move.dueAt(Instant.now().plus(MoveJournal.CHAIN_RECHECK));
    }

    @Transactional
    void live(long id, long toLeaseId) {
        steps.step(id, EnumSet.of(MoveState.ACCEPTED), MoveState.LIVE, null, m -> {
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

    /** The move cannot go on; what was imported (if anything: {@code adminEci}) is to be deleted. */
    @Transactional
    void rejecting(long id, String reason, String adminEci) {
        steps.step(id, EnumSet.of(MoveState.AWAITING_OFFER, MoveState.OFFERED, MoveState.IMPORTING,
                MoveState.IMPORTED), MoveState.REJECTING, reason, m -> {
                    m.because(reason);
                    if (adminEci != null) {
                        m.adminEci(adminEci);
                    }
                }, m -> null);
    }

    @Transactional
    void rejected(long id) {
        steps.step(id, EnumSet.of(MoveState.REJECTING, MoveState.DISCARDING), MoveState.REJECTED, null,
                m -> metrics.ended(m, "rolled_back"), m -> m.ecis().isEmpty() ? null
                        : new PicoTurnedAway(m.pico(), m.ecis(), m.leaseId(), m.reason()));
    }
}
