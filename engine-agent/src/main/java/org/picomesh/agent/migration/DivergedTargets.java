package org.picomesh.agent.migration;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.picoengine.PicoEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps a {@link MoveState#DIVERGED} target's pico from running: the chain puts it on the source, so the copy here
 * must neither run its scheduled events nor take events that reach the engine past the front door (a local pico's
 * {@code event:send}). The front door holds its traffic already (its routes are arriving); this marks it leaving on
 * the engine, from the journal alone, so a crash or an engine down at the moment it diverged only delays it. The
 * follower that records DIVERGED never calls the engine: the move worker calls {@link #hold} each round.
 */
@Component
class DivergedTargets {
    private static final Logger log = LoggerFactory.getLogger(DivergedTargets.class);

    private final MoveRepository moves;
    private final PicoEngine engine;
    /** Moves whose pico this process saw held: not asked of the engine again (after a restart, once more). */
    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    DivergedTargets(MoveRepository moves, PicoEngine engine) {
        this.moves = moves;
        this.engine = engine;
    }

    /** Marks leaving each diverged target's pico that is not yet: the latest move of its lease only. */
    void hold() {
        for (Move move : diverged()) {
            if (held.contains(move.id()) || move.adminEci() == null) {
                continue;
            }
            try {
                engine.find(move.adminEci()).filter(p -> !p.status().leaving()).ifPresent(p -> {
                    engine.markLeaving(p);
                    log.warn("pico {} (lease {}) diverged: its copy here is held leaving until the lease moves here "
                            + "again", move.pico(), move.leaseId());
                });
                held.add(move.id());
            } catch (PicoEngineException e) {
                log.info("holding diverged pico {} failed, will retry: {}", move.pico(), e.getMessage());
            }
        }
    }

    private List<Move> diverged() {
        return moves.findBySideAndStateOrderByIdAsc(Side.TARGET, MoveState.DIVERGED).stream()
                .filter(m -> moves.findBySideAndLeaseId(Side.TARGET, m.leaseId()).map(l -> l.id().equals(m.id()))
                        .orElse(false))
                .toList();
    }
}
