package org.picomesh.agent.migration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.picomesh.agent.picoengine.Pico;

/**
 * The picos this process imported and checked, by move, until they go live: going live then needs no look-up on the
 * engine (the pico stays where the import put it, marked leaving, until then). Memory only, and bounded: after a
 * restart, or for a move it no longer holds, the pico is found on the engine by its admin ECI as before.
 */
final class ArrivedPicos {
    private static final int KEPT = 256;

    private final Map<Long, Pico> picos = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Pico> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void put(long moveId, Pico pico) {
        picos.put(moveId, pico);
    }

    synchronized Optional<Pico> remove(long moveId) {
        return Optional.ofNullable(picos.remove(moveId));
    }
}
