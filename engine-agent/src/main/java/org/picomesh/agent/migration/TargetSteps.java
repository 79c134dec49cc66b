package org.picomesh.agent.migration;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.AgentKey;
import org.picomesh.agent.chain.TransactionFailed;
import org.picomesh.agent.picoengine.CheckResult;
import org.picomesh.agent.picoengine.Imported;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.picoengine.PicoEngineException;
import org.picomesh.agent.picoengine.Snapshot;
import org.picomesh.agent.snapshot.Cid;
import org.picomesh.agent.snapshot.SnapshotContext;
import org.picomesh.agent.snapshot.SnapshotFetchException;
import org.picomesh.agent.snapshot.SnapshotOpenException;
import org.picomesh.agent.snapshot.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The target's next action per state: fetch, open, record the snapshot's ECIs, import (idempotent), check, accept,
 * and (once the follower saw the acceptance) let the pico run; or delete whatever holds the recorded ECIs (an import
 * cut short by a crash included) and reject. A snapshot that fails to prove itself, to open or to import is a
 * rejection with the reason; an agent or
 * engine that does not answer is tried again (bounded by the worker).
 */
@Component
class TargetSteps {
    private static final Logger log = LoggerFactory.getLogger(TargetSteps.class);

    private final MoveJournal journal;
    private final TargetJournal steps;
    private final PicoEngine engine;
    private final Snapshots snapshots;
    private final EngineAdverts adverts;
    private final MoveChain chain;
    private final AgentKey agentKey;
    private final EncryptionKey encryptionKey;
    private final long engineId;
    private final MoveTestHalt halt;
    private final ScheduleCatchUp catchUp;
    private final MovedCopies movedCopies;
    private final ForeignRulesets foreignRulesets;
    private final ArrivedPicos arrived = new ArrivedPicos();

    TargetSteps(MoveJournal journal, TargetJournal steps, PicoEngine engine, Snapshots snapshots,
            EngineAdverts adverts, MoveChain chain, AgentKey agentKey, EncryptionKey encryptionKey,
            AgentProperties properties, MoveTestHalt halt, ScheduleCatchUp catchUp, MovedCopies movedCopies,
            ForeignRulesets foreignRulesets) {
        this.movedCopies = movedCopies;
        this.foreignRulesets = foreignRulesets;
        this.halt = halt;
        this.catchUp = catchUp;
        this.journal = journal;
        this.steps = steps;
        this.engine = engine;
        this.snapshots = snapshots;
        this.adverts = adverts;
        this.chain = chain;
        this.agentKey = agentKey;
        this.encryptionKey = encryptionKey;
        this.engineId = properties.engineId();
    }

    void next(Move move) throws MoveFailure {
        switch (move.state()) {
            case OFFERED, IMPORTING -> arrive(move);
            case IMPORTED -> accept(move);
            case ACCEPTING -> acceptAgain(move);
            case ACCEPTED -> live(move, move.toLeaseId());
            case REJECTING -> {
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
            case DISCARDING -> {
                discard(move);
                steps.rejected(move.id());
            }
            default -> journal.waitForChain(move.id(), move.deadline()); // AWAITING_OFFER: the source offers
        }
    }

    /**
     * Records what the import will hold (first time), imports idempotently and checks. A pico an earlier attempt
     * imported that differs from the snapshot is deleted and imported again; a fresh one that differs is rejected.
     */
    private void arrive(Move move) throws MoveFailure {
        if (encryptionKey.pair() == null) {
            throw new MoveFailure.Fatal("this agent has no encryption key to open snapshots with");
        }
        Snapshot snapshot = open(move, Cid.parse(move.cid()));
        Imported imported;
        try {
            if (move.state() == MoveState.OFFERED) {
                foreignRulesets.admit(move, snapshot);
                claim(move, snapshot);
                halt.at(Side.TARGET, MoveState.IMPORTING.name(), move.id());
                imported = engine.importUnheld(engine.root(), snapshot); // the claim found none of its ECIs held
            } else {
                imported = engine.importIdempotent(engine.root(), snapshot); // a crash may have cut it short
            }
            halt.at(Side.TARGET, "IMPORT_RETURNED", move.id());
            if (!(engine.check(imported, snapshot) instanceof CheckResult.Differs differs)) {
                // the check found exactly the snapshot's channels in the imported tree, each routed to its pico
                steps.imported(move.id(), imported.pico().adminEci(), engine.snapshotEcis(snapshot),
                        imported.schedules());
                arrived.put(move.id(), imported.pico());
                log.info("pico {} (lease {}) imported and checked: accepting the move", move.pico(), move.leaseId());
            } else if (imported.fresh()) {
                steps.rejecting(move.id(), "the imported pico differs: " + differs.where(), null);
            } else {
                engine.delete(imported.pico());
                throw new MoveFailure.Transient("an earlier attempt's import differs (" + differs.where()
                        + "): deleted, to import again");
            }
        } catch (PicoEngineException.Unreachable e) {
            throw new MoveFailure.Transient(e.getMessage(), e);
        } catch (PicoEngineException e) {
            throw new MoveFailure.Fatal("import failed: " + e.getMessage(), e);
        } finally {
            snapshot.erase();
        }
    }

    /** Records the snapshot's ECIs before the first import: none may be held here yet, or they are not this move's. */
    private void claim(Move move, Snapshot snapshot) throws MoveFailure {
        List<String> ecis = engine.snapshotEcis(snapshot);
        movedCopies.clearFor(move, ecis); // a move back within the grace: the old copy holds these ECIs
        List<String> held = engine.held(ecis);
        if (!held.isEmpty()) {
            throw new MoveFailure.Fatal(held.size() + " of the snapshot's " + ecis.size()
                    + " ECIs belong to picos on this engine already: nothing imported");
        }
        steps.importing(move.id(), ecis.get(0), ecis);
    }

    private Snapshot open(Move move, Cid cid) throws MoveFailure {
        long from = move.fromEngineId();
        try {
            snapshots.fetch(adverts.of(from).endpoint(), cid, MoveSnapshotAccess.header(cid, chain, agentKey));
            return Snapshot.wrap(snapshots.open(cid, encryptionKey.pair(), new SnapshotContext(chain.chainId(),
                    BigInteger.valueOf(move.leaseId()), BigInteger.valueOf(engineId))));
        } catch (SnapshotFetchException e) {
            if (e.reason() == SnapshotFetchException.Reason.UNREACHABLE) {
                throw new MoveFailure.Transient(e.getMessage(), e);
            }
            throw new MoveFailure.Fatal("snapshot " + e.reason().name().toLowerCase() + ": " + e.getMessage(), e);
        } catch (SnapshotOpenException e) {
            throw new MoveFailure.Fatal("snapshot does not open (" + e.reason().name().toLowerCase() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new MoveFailure.Fatal("snapshot unusable: " + e.getMessage(), e);
        }
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
        arrived.remove(move.id()).or(() -> find(move)).ifPresent(p -> catchUp.letRun(move, p));
        steps.live(move.id(), toLeaseId != null ? toLeaseId : chain.currentLease(move.pico()).id.longValueExact());
        if (move.cid() != null) {
            snapshots.store().delete(Cid.parse(move.cid())); // the pico runs here: its sealed copy is not needed
        }
        log.info("pico {} is live here (lease {})", move.pico(), toLeaseId);
    }

    /** Deletes whatever holds the ECIs this move recorded (the root's first): only its own import can hold them. */
    private void discard(Move move) {
        arrived.remove(move.id());
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
