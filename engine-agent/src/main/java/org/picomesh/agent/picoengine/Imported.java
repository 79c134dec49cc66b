package org.picomesh.agent.picoengine;

import java.util.List;
import java.util.Optional;

/**
 * What {@link PicoEngine#importIdempotent} did.
 *
 * @param pico the imported pico, marked leaving
 * @param fresh whether this call imported it (false: a pico already held the snapshot's ECIs, nothing was imported)
 * @param repairedRulesets the rulesets installed again after the import, as {@code adminEci:rid}
 * @param restoredSchedules how many scheduled events were created again
 * @param schedules the snapshot's scheduled events (a JSON array): those due by the time the pico is live are
 *     scheduled again then ({@link PicoEngine#planCatchUp}), as the engine drops them while it is leaving
 * @param checked the check of the imported tree against the snapshot, when the import's own answer carried the tree's
 *     outline as the engine held it after the import and repair; empty when it must be asked for
 *     ({@link PicoEngine#check(Imported, Snapshot)})
 */
public record Imported(Pico pico, boolean fresh, List<String> repairedRulesets, int restoredSchedules,
        String schedules, Optional<CheckResult> checked) {

    public Imported {
        repairedRulesets = List.copyOf(repairedRulesets);
    }
}
