package org.picomesh.agent.migration;

import java.util.List;
import java.util.Optional;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A pico moving back to this engine while it still keeps the pico's copy from the earlier move away (marked moved,
 * for the grace period): that copy holds the very ECIs the import will bring, so it goes first. Only a copy that is
 * provably the old one goes: the earlier source move of the same pico (by its chain address) is {@code MOVED}, its
 * admin ECI is among the snapshot's, the engine has it marked moved (never a pico that runs), and that move's
 * acceptance is final (the chain cannot give the pico back to the old copy). The earlier move then ends
 * ({@code DONE}) before the import is recorded, so its own grace step can never delete the import. Its routes keep
 * forwarding to the host the pico is leaving (which holds and replays what they bring) until the import's arriving
 * routes replace them in the import's own transaction.
 */
@Component
class MovedCopies {
    private static final Logger log = LoggerFactory.getLogger(MovedCopies.class);

    /** What becomes of an earlier move's moved copy when its pico moves back here. */
    enum Verdict {
        /** Delete the copy, then end the earlier move. */
        DROP,
        /** The copy is gone already (a crash after deleting it): end the earlier move. */
        FORGET,
        /** Its acceptance may still leave the chain: keep the copy, try again later. */
        WAIT,
        /** Not provably the pico's old copy: keep it (the import then finds its ECIs held, and is refused). */
        KEEP
    }

    private final MoveRepository moves;
    private final SourceJournal journal;
    private final PicoEngine engine;
    private final MoveChain chain;

    MovedCopies(MoveRepository moves, SourceJournal journal, PicoEngine engine, MoveChain chain) {
        this.moves = moves;
        this.journal = journal;
        this.engine = engine;
        this.chain = chain;
    }

    /** Clears this engine's moved copies of the pico {@code arriving} brings (its snapshot's ECIs {@code ecis}). */
    void clearFor(Move arriving, List<String> ecis) throws MoveFailure {
        for (Move earlier : moves.findBySideAndStateOrderByIdAsc(Side.SOURCE, MoveState.MOVED)) {
            if (!earlier.pico().equals(arriving.pico())) {
                continue;
            }
            Optional<Pico> copy = earlier.adminEci() == null ? Optional.empty() : engine.find(earlier.adminEci());
            boolean acceptanceFinal = earlier.acceptedBlock() != null && chain.isFinal(earlier.acceptedBlock());
            switch (verdict(earlier, ecis, copy, acceptanceFinal)) {
                case DROP -> {
                    engine.delete(copy.orElseThrow());
                    end(earlier, arriving);
                }
                case FORGET -> end(earlier, arriving);
                case WAIT -> throw new MoveFailure.Transient("the pico's moved copy here (move " + earlier.id()
                        + ") is kept until that move's acceptance is final");
                case KEEP -> log.warn("pico {}: the moved copy of move {} is not provably the arriving pico's: kept",
                        arriving.pico(), earlier.id());
            }
        }
    }

    /** The rule, apart from the engine and the chain. */
    static Verdict verdict(Move earlier, List<String> ecis, Optional<Pico> copy, boolean acceptanceFinal) {
        if (earlier.side() != Side.SOURCE || earlier.state() != MoveState.MOVED || earlier.adminEci() == null
                || !ecis.contains(earlier.adminEci())) {
            return Verdict.KEEP;
        }
        if (copy.isPresent() && copy.get().status().movedTo().isEmpty()) {
            return Verdict.KEEP; // running (or only leaving) here: never deleted to make room
        }
        if (!acceptanceFinal) {
            return Verdict.WAIT;
        }
        return copy.isPresent() ? Verdict.DROP : Verdict.FORGET;
    }

    private void end(Move earlier, Move arriving) {
        journal.superseded(earlier.id(), "its moved copy deleted: the pico moves back here (lease "
                + arriving.leaseId() + ")");
        log.info("pico {} moves back here: the moved copy of its move to engine {} is deleted", arriving.pico(),
                earlier.toEngineId());
    }
}
