package org.picomesh.agent.migration;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.AgentKey;
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
 * The pico's arrival on the target: fetch the snapshot from the source, open it, record its ECIs, import
 * (idempotent) and check. A snapshot that fails to prove itself, to open or to import is a rejection with the reason;
 * an agent or engine that does not answer is tried again (bounded by the worker).
 */
@Component
class Arrival {
    private static final Logger log = LoggerFactory.getLogger(Arrival.class);

    private final TargetJournal steps;
    private final PicoEngine engine;
    private final Snapshots snapshots;
    private final EngineAdverts adverts;
    private final MoveChain chain;
    private final AgentKey agentKey;
    private final EncryptionKey encryptionKey;
    private final long engineId;
    private final MoveTestHalt halt;
    private final MovedCopies movedCopies;
    private final ForeignRulesets foreignRulesets;
    private final ArrivedPicos arrived = new ArrivedPicos();

    Arrival(TargetJournal steps, PicoEngine engine, Snapshots snapshots, EngineAdverts adverts, MoveChain chain,
            AgentKey agentKey, EncryptionKey encryptionKey, AgentProperties properties, MoveTestHalt halt,
            MovedCopies movedCopies, ForeignRulesets foreignRulesets) {
        this.steps = steps;
        this.engine = engine;
        this.snapshots = snapshots;
        this.adverts = adverts;
        this.chain = chain;
        this.agentKey = agentKey;
        this.encryptionKey = encryptionKey;
        this.engineId = properties.engineId();
        this.halt = halt;
        this.movedCopies = movedCopies;
        this.foreignRulesets = foreignRulesets;
    }

    /**
     * Records what the import will hold (first time), imports idempotently and checks. A pico an earlier attempt
     * imported that differs from the snapshot is deleted and imported again; a fresh one that differs is rejected.
     */
    void arrive(Move move) throws MoveFailure {
        if (encryptionKey.pair() == null) {
            throw new MoveFailure.Fatal("this agent has no encryption key to open snapshots with");
        }
        Snapshot snapshot = open(move, Cid.parse(move.cid()));
        try {
            Imported imported = importOnce(move, snapshot);
            halt.at(Side.TARGET, "IMPORT_RETURNED", move.id());
            checked(move, snapshot, imported);
        } catch (PicoEngineException.Unreachable e) {
            throw new MoveFailure.Transient(e.getMessage(), e);
        } catch (PicoEngineException e) {
            throw new MoveFailure.Fatal("import failed: " + e.getMessage(), e);
        } finally {
            snapshot.erase();
        }
    }

    /** The pico this process imported and checked for the move, if it still knows it: taken out. */
    Optional<Pico> takeChecked(long moveId) {
        return arrived.remove(moveId);
    }

    private Imported importOnce(Move move, Snapshot snapshot) throws MoveFailure {
        if (move.state() == MoveState.OFFERED) {
            foreignRulesets.admit(move, snapshot);
            claim(move, snapshot);
            halt.at(Side.TARGET, MoveState.IMPORTING.name(), move.id());
            return engine.importUnheld(engine.root(), snapshot); // the claim found none of its ECIs held
        }
        return engine.importIdempotent(engine.root(), snapshot); // a crash may have cut it short
    }

    private void checked(Move move, Snapshot snapshot, Imported imported) throws MoveFailure {
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
}
