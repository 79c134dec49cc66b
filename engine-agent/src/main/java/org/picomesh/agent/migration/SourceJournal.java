package org.picomesh.agent.migration;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The source's steps of the journal, each a small transaction ({@link JournalStep}): the pico leaves, is sealed and
 * offered, moves away (its copy kept for a grace period) or stays when the move is rolled back.
 */
@Component
class SourceJournal {
    private final JournalStep steps;
    private final HostedPicoRepository picos;
    private final MoveMetrics metrics;

    SourceJournal(JournalStep steps, HostedPicoRepository picos, MoveMetrics metrics) {
        this.steps = steps;
        this.picos = picos;
        this.metrics = metrics;
    }

    @Transactional
    void leaving(long id, String adminEci, List<String> ecis) {
        steps.step(id, EnumSet.of(MoveState.REQUESTED), MoveState.LEAVING, null, m -> {
            m.adminEci(adminEci);
            m.ecis(ecis);
        }, m -> new PicoLeaving(m.pico(), m.ecis(), m.leaseId()));
    }

    @Transactional
    void sealed(long id, String cid) {
        steps.step(id, EnumSet.of(MoveState.LEAVING), MoveState.SEALED, cid, m -> m.cid(cid), m -> null);
    }

    @Transactional
    void offered(long id) {
        steps.step(id, EnumSet.of(MoveState.SEALED), MoveState.OFFERED, null, m -> m.dueAt(MoveJournal.earliest(
                m.deadline(), Instant.now().plus(MoveJournal.CHAIN_RECHECK))), m -> null);
    }

    @Transactional
    void moved(long id, URI to, Duration grace) {
        steps.step(id, EnumSet.of(MoveState.ACCEPTED), MoveState.MOVED, to.toString(), m -> {
            m.dueAt(Instant.now().plus(grace));
            picos.findById(m.pico()).ifPresent(picos::delete);
            metrics.paused(m);
        }, m -> new PicoMovedAway(m.pico(), m.ecis(), m.leaseId(), to));
    }

    @Transactional
    void done(long id) {
        steps.step(id, EnumSet.of(MoveState.MOVED), MoveState.DONE, null, m -> metrics.ended(m, "completed"),
                m -> null);
    }

    /** The moved copy went before its grace was over, as the pico moves back here ({@link MovedCopies}). */
    @Transactional
    void superseded(long id, String why) {
        steps.step(id, EnumSet.of(MoveState.MOVED), MoveState.DONE, why, m -> metrics.ended(m, "completed"),
                m -> null);
    }

    @Transactional
    void rolledBack(long id) {
        steps.step(id, EnumSet.of(MoveState.ROLLING_BACK), MoveState.ROLLED_BACK, null,
                m -> metrics.ended(m, "rolled_back"),
                m -> m.ecis().isEmpty() ? null : new PicoStayed(m.pico(), m.ecis(), m.leaseId(), m.reason()));
    }
}
