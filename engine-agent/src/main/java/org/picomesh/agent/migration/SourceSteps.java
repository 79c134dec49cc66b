package org.picomesh.agent.migration;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.picoengine.PicoEngineException;
import org.picomesh.agent.picoengine.Snapshot;
import org.picomesh.agent.snapshot.Cid;
import org.picomesh.agent.snapshot.SnapshotContext;
import org.picomesh.agent.snapshot.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The source's next action per state. Each external effect is idempotent and taken again after a crash: marking
 * leaving, exporting and sealing (a new CID only if SEALED was never recorded), offering (the target takes the same
 * offer twice), marking moved, deleting, unmarking. The copy marked moved is deleted only after the grace period and
 * once the acceptance is final ({@code picomesh.agent.move-finality}): until then a reorganisation may take the
 * acceptance back, and the copy is what is left if the target's is lost.
 */
@Component
class SourceSteps {
    private static final Logger log = LoggerFactory.getLogger(SourceSteps.class);
    /** Worker polls between two looks at whether a moved copy's acceptance is final. */
    private static final int FINALITY_POLLS = 10;

    private final MoveJournal journal;
    private final SourceJournal steps;
    private final PicoEngine engine;
    private final Snapshots snapshots;
    private final EngineAdverts adverts;
    private final MoveChain chain;
    private final OfferClient offers;
    private final AgentProperties properties;
    private final ScheduleCatchUp catchUp;

    SourceSteps(MoveJournal journal, SourceJournal steps, PicoEngine engine, Snapshots snapshots,
            EngineAdverts adverts, MoveChain chain, OfferClient offers, AgentProperties properties,
            ScheduleCatchUp catchUp) {
        this.catchUp = catchUp;
        this.journal = journal;
        this.steps = steps;
        this.engine = engine;
        this.snapshots = snapshots;
        this.adverts = adverts;
        this.chain = chain;
        this.offers = offers;
        this.properties = properties;
    }

    void next(Move move) throws MoveFailure {
        switch (move.state()) {
            // the front door holds the tree's channels (recorded) before the engine refuses them (leave, below)
            case REQUESTED -> steps.leaving(move.id(), move.adminEci(), known(move, () -> engine.treeEcisOf(
                    move.adminEci())));
            case LEAVING -> seal(move);
            case SEALED -> {
                offers.offer(move, adverts.of(move.toEngineId()).endpoint());
                steps.offered(move.id());
            }
            case ACCEPTED -> {
                var to = adverts.of(move.toEngineId()).endpoint();
                find(move).ifPresent(p -> engine.markMoved(p, to));
                steps.moved(move.id(), to, properties.movedCopyGrace());
            }
            case MOVED -> {
                if (move.acceptedBlock() == null || !chain.isFinal(move.acceptedBlock())) {
                    journal.later(move.id(), Instant.now().plus(properties.movePoll().multipliedBy(FINALITY_POLLS)));
                    return; // the acceptance may still leave the chain: the copy is kept, marked moved
                }
                find(move).ifPresent(engine::delete);
                forget(move);
                steps.done(move.id());
                log.info("pico {} moved to engine {}: its copy here is deleted", move.pico(), move.toEngineId());
            }
            case ROLLING_BACK -> {
                find(move).ifPresent(p -> live(p, move));
                forget(move);
                steps.rolledBack(move.id());
                log.info("pico {} stays here: {}", move.pico(), move.reason());
            }
            default -> journal.waitForChain(move.id(), move.deadline()); // OFFERED: the chain decides
        }
    }

    private void seal(Move move) throws MoveFailure {
        byte[] key = adverts.of(move.toEngineId()).encryptionKey(); // a target without a key: the pico never pauses
        // one engine call reads the scheduled events (kept by the engine, so taken again it carries the same ones),
        // marks the tree leaving and exports it; the journal's carried events are those of a move begun before
        Snapshot snapshot = known(move, () -> engine.leave(move.adminEci(), move.schedules()));
        try (InputStream json = snapshot.open()) {
            Cid cid = snapshots.seal(json, key, new SnapshotContext(chain.chainId(),
                    BigInteger.valueOf(move.leaseId()), BigInteger.valueOf(move.toEngineId())));
            steps.sealed(move.id(), cid.toString());
        } catch (IllegalArgumentException e) {
            // RFC 8785 has no form for it (a lone surrogate, say): sealing again cannot help; the chain ends the move
            throw new MoveFailure.Fatal("the pico's export cannot be canonicalised: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MoveFailure.Transient("sealing the snapshot failed: " + e.getMessage(), e);
        } finally {
            snapshot.erase();
        }
    }

    /**
     * The pico runs here again, with what fell due while the engine held it leaving (if it did) scheduled again: what
     * the engine kept when it left is recorded first (re-derivable once the engine forgets it, as the pico runs).
     */
    private void live(Pico pico, Move move) {
        Move carrying = move;
        if (move.schedules() == null && pico.status().leaving()) {
            journal.schedulesPlanned(move.id(), MoveState.ROLLING_BACK, engine.carried(pico));
            carrying = journal.load(move.id()).orElseThrow(() -> new MoveJournal.MoveConflict("move " + move.id()
                    + " is gone"));
        }
        catchUp.letRun(carrying, pico);
    }

    /** An engine call about the move's pico: no pico holding its admin ECI any more is the end of the move here. */
    private static <T> T known(Move move, Supplier<T> call) throws MoveFailure {
        try {
            return call.get();
        } catch (PicoEngineException.UnknownEci e) {
            throw new MoveFailure.Fatal("no pico holds ECI " + move.adminEci() + " on this engine", e);
        }
    }

    private Optional<Pico> find(Move move) {
        return move.adminEci() == null ? Optional.empty() : engine.find(move.adminEci());
    }

    private void forget(Move move) {
        if (move.cid() != null) {
            snapshots.store().delete(Cid.parse(move.cid()));
        }
    }
}
