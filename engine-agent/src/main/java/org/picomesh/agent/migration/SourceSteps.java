package org.picomesh.agent.migration;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
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
    private final PicoEngine engine;
    private final Snapshots snapshots;
    private final EngineAdverts adverts;
    private final MoveChain chain;
    private final OfferClient offers;
    private final AgentProperties properties;
    private final ScheduleCatchUp catchUp;

    SourceSteps(MoveJournal journal, PicoEngine engine, Snapshots snapshots, EngineAdverts adverts, MoveChain chain,
            OfferClient offers, AgentProperties properties, ScheduleCatchUp catchUp) {
        this.catchUp = catchUp;
        this.journal = journal;
        this.engine = engine;
        this.snapshots = snapshots;
        this.adverts = adverts;
        this.chain = chain;
        this.offers = offers;
        this.properties = properties;
    }

    void next(Move move) throws MoveFailure {
        switch (move.state()) {
            case REQUESTED -> journal.leaving(move.id(), move.adminEci(), engine.treeEcis(pico(move)));
            case LEAVING -> seal(move);
            case SEALED -> {
                offers.offer(move, adverts.of(move.toEngineId()).endpoint());
                journal.offered(move.id());
            }
            case ACCEPTED -> {
                var to = adverts.of(move.toEngineId()).endpoint();
                find(move).ifPresent(p -> engine.markMoved(p, to));
                journal.moved(move.id(), to, properties.movedCopyGrace());
            }
            case MOVED -> {
                if (move.acceptedBlock() == null || !chain.isFinal(move.acceptedBlock())) {
                    journal.later(move.id(), Instant.now().plus(properties.movePoll().multipliedBy(FINALITY_POLLS)));
                    return; // the acceptance may still leave the chain: the copy is kept, marked moved
                }
                find(move).ifPresent(engine::delete);
                forget(move);
                journal.done(move.id());
                log.info("pico {} moved to engine {}: its copy here is deleted", move.pico(), move.toEngineId());
            }
            case ROLLING_BACK -> {
                find(move).ifPresent(p -> live(p, move));
                forget(move);
                journal.rolledBack(move.id());
                log.info("pico {} stays here: {}", move.pico(), move.reason());
            }
            default -> journal.waitForChain(move.id(), move.deadline()); // OFFERED: the chain decides
        }
    }

    private void seal(Move move) throws MoveFailure {
        Pico pico = pico(move);
        String carried = move.schedules();
        if (carried == null || !pico.status().leaving()) {
            // read before the engine marks it leaving, after which it drops what falls due (recorded: a restart
            // after the marking must not read again)
            carried = engine.schedules(pico);
            journal.schedulesRead(move.id(), carried);
        }
        engine.markLeaving(pico);
        byte[] key = adverts.of(move.toEngineId()).encryptionKey();
        Snapshot snapshot = engine.export(pico, carried);
        try (InputStream json = snapshot.open()) {
            Cid cid = snapshots.seal(json, key, new SnapshotContext(chain.chainId(),
                    BigInteger.valueOf(move.leaseId()), BigInteger.valueOf(move.toEngineId())));
            journal.sealed(move.id(), cid.toString());
        } catch (IllegalArgumentException e) {
            // RFC 8785 has no form for it (a lone surrogate, say): sealing again cannot help; the chain ends the move
            throw new MoveFailure.Fatal("the pico's export cannot be canonicalised: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MoveFailure.Transient("sealing the snapshot failed: " + e.getMessage(), e);
        } finally {
            snapshot.erase();
        }
    }

    /** The pico runs here again, with what fell due while the engine held it leaving (if it did) scheduled again. */
    private void live(Pico pico, Move move) {
        catchUp.letRun(move, pico);
    }

    private Pico pico(Move move) throws MoveFailure {
        return find(move).orElseThrow(() -> new MoveFailure.Fatal("no pico holds ECI " + move.adminEci()
                + " on this engine"));
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
