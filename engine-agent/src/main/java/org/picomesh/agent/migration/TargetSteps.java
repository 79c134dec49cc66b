package org.picomesh.agent.migration;

import java.util.List;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.TransactionFailed;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.snapshot.Cid;
import org.picomesh.agent.snapshot.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The target's next action per state: the pico's {@link Arrival} (fetch, open, record the snapshot's ECIs, import,
 * check), then accept and (once the follower saw the acceptance) let the pico run; or delete whatever holds the
 * recorded ECIs (an import cut short by a crash included) and reject. A chain or engine that does not answer is
 * tried again (bounded by the worker).
 */
@Component
class TargetSteps {
    private static final Logger log = LoggerFactory.getLogger(TargetSteps.class);

    private final MoveJournal journal;
    private final TargetJournal steps;
    private final PicoEngine engine;
    private final Snapshots snapshots;
    private final MoveChain chain;
    private final long engineId;
    private final ScheduleCatchUp catchUp;
    private final Arrival arrival;

    TargetSteps(MoveJournal journal, TargetJournal steps, PicoEngine engine, Snapshots snapshots, MoveChain chain,
            AgentProperties properties, ScheduleCatchUp catchUp, Arrival arrival) {
        this.journal = journal;
        this.steps = steps;
        this.engine = engine;
        this.snapshots = snapshots;
        this.chain = chain;
        this.engineId = properties.engineId();
        this.catchUp = catchUp;
        this.arrival = arrival;
    }

    void next(Move move) throws MoveFailure {
        switch (move.state()) {
            case OFFERED, IMPORTING -> arrival.arrive(move);
            case IMPORTED -> accept(move);
            case ACCEPTING -> acceptAgain(move);
            case ACCEPTED -> live(move, move.toLeaseId());
            case REJECTING -> reject(move);
            case DISCARDING -> {
                discard(move);
                steps.rejected(move.id());
            }
            default -> journal.waitForChain(move.id(), move.deadline()); // AWAITING_OFFER: the source offers
        }
    }

    private void reject(Move move) throws MoveFailure {
        discard(move);
        try {
            chain.reject(move.leaseId(), move.reason() == null ? "rejected" : move.reason());
        } catch (TransactionFailed.Reverted e) {
            log.info("rejecting the move of lease {} reverted ({}): the chain ended it already",
                    move.leaseId(), e.getMessage());
        } catch (TransactionFailed e) {
            throw new MoveFailure.Transient("rejecting the move failed: " + e.getMessage(), e);
        }
        steps.rejected(move.id());
    }

    private void accept(Move move) throws MoveFailure {
        try {
            steps.accepting(move.id(), chain.accept(move.leaseId()));
        } catch (TransactionFailed.Reverted e) {
            if (!leaseHere(move)) {
                throw new MoveFailure.Fatal("accepting reverted: " + e.getMessage(), e); // the chain ends it
            }
            steps.accepting(move.id(), null); // mined before a restart: the follower says in which block
        } catch (TransactionFailed e) {
            throw new MoveFailure.Transient("accepting failed: " + e.getMessage(), e);
        }
    }

    /**
     * Accepting, re-derived from the chain at the head: while the lease is here the follower will record the
     * acceptance; while the move is pending to this engine again (a reorganisation dropped the acceptance, perhaps
     * after the pico ran here) the pico is marked leaving and the acceptance sent again; otherwise the follower
     * brings the move's end.
     */
    private void acceptAgain(Move move) throws MoveFailure {
        if (!leaseHere(move) && chain.lease(move.leaseId()).moveTo.longValueExact() == engineId) {
            find(move).ifPresent(engine::markLeaving);
            try {
                steps.acceptedAgain(move.id(), chain.accept(move.leaseId()));
                log.info("pico {} (lease {}): accepted again after a reorganisation", move.pico(), move.leaseId());
                return;
            } catch (TransactionFailed e) {
                throw new MoveFailure.Transient("accepting again failed: " + e.getMessage(), e);
            }
        }
        journal.waitForChain(move.id(), move.deadline());
    }

    private boolean leaseHere(Move move) throws MoveFailure {
        var lease = chain.currentLease(move.pico());
        return lease.active && lease.engineId.longValueExact() == engineId;
    }

    private void live(Move move, Long toLeaseId) throws MoveFailure {
        arrival.takeChecked(move.id()).or(() -> find(move)).ifPresent(p -> catchUp.letRun(move, p));
        steps.live(move.id(), toLeaseId != null ? toLeaseId : chain.currentLease(move.pico()).id.longValueExact());
        if (move.cid() != null) {
            snapshots.store().delete(Cid.parse(move.cid())); // the pico runs here: its sealed copy is not needed
        }
        log.info("pico {} is live here (lease {})", move.pico(), toLeaseId);
    }

    /** Deletes whatever holds the ECIs this move recorded (the root's first): only its own import can hold them. */
    private void discard(Move move) {
        arrival.takeChecked(move.id());
        List<String> ecis = move.ecis().isEmpty() && move.adminEci() != null ? List.of(move.adminEci()) : move.ecis();
        for (String eci : ecis) {
            engine.find(eci).ifPresent(engine::delete);
        }
        if (move.cid() != null) {
            snapshots.store().delete(Cid.parse(move.cid()));
        }
    }

    private Optional<Pico> find(Move move) {
        return move.adminEci() == null ? Optional.empty() : engine.find(move.adminEci());
    }
}
