package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.picomesh.agent.picoengine.SnapshotOutline.PicoOutline;

/**
 * Repairs pico-engine 0.48.1's export bug: {@code exportPico} lists a ruleset only for the first pico of the tree it
 * meets it in (it skips any rid already in the export's {@code rulesets} map), so a child that shares a ruleset with
 * its parent (or an earlier sibling) is exported without it, often with {@code rulesets: []}; wrangler's own rulesets
 * are on every pico, so every child is hit. The export alone cannot tell every case: a shared ruleset that keeps no
 * entvars in the child leaves no trace in it. So the snapshot records, in the same query as the export, each pico's
 * installed rulesets as the engine knows them ({@code installed}, by admin ECI); the repair installs, in each imported
 * pico, the recorded rulesets that the engine does not show installed after the import. For a snapshot without that
 * record, it falls back to what the export itself shows: the pico's listed rulesets plus those its entvars and state
 * machine name. The helper ruleset of a restore interrupted by a crash is uninstalled on the way.
 */
final class RulesetRepair {
    private RulesetRepair() {
    }

    /** Installs what is missing; answers what it installed, as {@code adminEci:rid}. */
    static List<String> repair(SnapshotOutline outline, JsonNode layout, MoverRuleset mover) {
        List<String> repaired = new ArrayList<>();
        for (PicoOutline pico : outline.root().tree()) {
            String id = layout.path("ids").path(pico.adminEci()).asText("");
            TreeSet<String> have = new TreeSet<>(SnapshotOutline.texts(layout.path("installed").path(pico.adminEci())));
            TreeSet<String> missing = new TreeSet<>(outline.expectedRulesets(pico));
            missing.removeAll(have);
            if (!missing.isEmpty()) {
                String rids = EngineHttp.JSON.valueToTree(List.copyOf(missing)).toString();
                mover.event("rulesets_install_requested", Map.of("pico_id", id, "rids", rids));
                missing.forEach(rid -> repaired.add(pico.adminEci() + ":" + rid));
            }
            if (have.contains(ScheduleRestore.RID)) {
                mover.event("rulesets_uninstall_requested", Map.of("pico_id", id, "rid", ScheduleRestore.RID));
            }
        }
        return repaired;
    }
}
