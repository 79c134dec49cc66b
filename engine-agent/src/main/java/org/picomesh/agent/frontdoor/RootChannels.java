package org.picomesh.agent.frontdoor;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.picoengine.PicoEngineException;
import org.springframework.stereotype.Component;

/**
 * Whether an ECI is one of the root pico's channels. The root gains a channel with every child made under it (wrangler's
 * parent channel, which the child shares as {@code parent_eci}), so a list read once would go stale: each ECI is asked
 * of the engine the first time it comes and the answer kept. An ECI never changes pico, so a kept answer stays true;
 * the memory is bounded (emptied when full: the next requests ask again).
 */
@Component
class RootChannels {
    private static final int MAX_KNOWN = 100_000;

    private final PicoEngine engine;
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    RootChannels(PicoEngine engine) {
        this.engine = engine;
    }

    /** Whether the root pico holds the ECI; nothing when the engine cannot say (it does not answer). */
    Optional<Boolean> holds(String eci) {
        Boolean root = known.get(eci);
        if (root != null) {
            return Optional.of(root);
        }
        try {
            String rootId = engine.root().id();
            boolean held = engine.find(eci).map(p -> p.id().equals(rootId)).orElse(false);
            if (known.size() >= MAX_KNOWN) {
                known.clear();
            }
            known.put(eci, held);
            return Optional.of(held);
        } catch (PicoEngineException e) {
            return Optional.empty();
        }
    }
}
