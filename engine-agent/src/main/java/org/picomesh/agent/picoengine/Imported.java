package org.picomesh.agent.picoengine;

import java.util.List;

/**
 * What {@link PicoEngine#importIdempotent} did.
 *
 * @param pico the imported pico, marked leaving
 * @param fresh whether this call imported it (false: a pico already held the snapshot's ECIs, nothing was imported)
 * @param repairedRulesets the rulesets installed again after the import, as {@code adminEci:rid}
 * @param restoredSchedules how many scheduled events were created again
 */
public record Imported(Pico pico, boolean fresh, List<String> repairedRulesets, int restoredSchedules) {

    public Imported {
        repairedRulesets = List.copyOf(repairedRulesets);
    }
}
