package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.picomesh.agent.picoengine.SnapshotOutline.PicoOutline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One idempotent import: every step converges, so a call retried after a crash at any point finishes the work and
 * never imports a second copy. Steps: import unless the snapshot's ECIs are held already (0.48.1 would give a second
 * pico the same ECIs); install rulesets the import missed; schedule the missing scheduled events; mark leaving.
 */
final class Importer {
    private static final Logger log = LoggerFactory.getLogger(Importer.class);

    private final EngineHttp http;
    private final MoverRuleset mover;
    private final ScheduleRestore schedules;

    Importer(EngineHttp http, MoverRuleset mover, ScheduleRestore schedules) {
        this.http = http;
        this.mover = mover;
        this.schedules = schedules;
    }

    /**
     * {@code outline}: the snapshot's, read; an {@link IllegalArgumentException} when it is no snapshot.
     * {@code unheld}: the caller saw just now that no pico here holds any of the snapshot's ECIs (it recorded them
     * before importing), so neither the root's admin ECI nor the others are looked up again. {@code readBack}: the
     * import's answer carries the tree's outline, read after the repair, and the import is checked with it.
     */
    Imported importIdempotent(Pico parent, Snapshot snapshot, boolean unheld, boolean readBack,
            Function<Snapshot, SnapshotOutline> outlines, Function<String, Optional<Pico>> find) {
        SnapshotOutline outline;
        try {
            outline = outlines.apply(snapshot);
        } catch (IllegalArgumentException e) {
            throw new PicoEngineException.ImportRefused(http.engine(), e.getMessage());
        }
        String admin = outline.root().adminEci();
        Optional<Pico> found = unheld ? Optional.empty() : find.apply(admin);
        if (found.isPresent()) {
            return converge(found.get(), outline, find);
        }
        if (!unheld) {
            refuseHeldEcis(outline);
        }
        return importFresh(parent, snapshot, outline, readBack, find);
    }

    /** A retry's: the pico an earlier attempt imported, repaired and marked leaving here; checked by a query later. */
    private Imported converge(Pico pico, SnapshotOutline outline, Function<String, Optional<Pico>> find) {
        JsonNode layout = layout(pico);
        List<String> repaired = RulesetRepair.repair(outline, layout, mover);
        int restored = restoreAndLeave(pico, outline, layout);
        log.info("found the already imported pico {} on {}: {} rulesets repaired, {} scheduled events restored, "
                + "left leaving", pico.id(), http.engine(), repaired.size(), restored);
        return new Imported(find.apply(pico.adminEci()).orElseThrow(), false, repaired, restored,
                ScheduledEvents.json(outline.schedules()), Optional.empty());
    }

    private Imported importFresh(Pico parent, Snapshot snapshot, SnapshotOutline outline, boolean readBack,
            Function<String, Optional<Pico>> find) {
        String admin = outline.root().adminEci();
        ImportAnswer answer = importNow(parent, snapshot, outline, readBack);
        Pico pico = answer.pico().or(() -> find.apply(admin)).orElseThrow(() -> new PicoEngineException
                .ImportRefused(http.engine(), "the engine accepted the import but no pico holds the snapshot's ECIs"));
        JsonNode layout = answer.pico().isPresent() ? answer.layout() : layout(pico);
        // the mover repaired in the import's episode; what a pico found apart still lacks is repaired here
        List<String> repaired = answer.pico().isPresent() ? answer.repaired() : java.util.stream.Stream.concat(
                answer.repaired().stream(), RulesetRepair.repair(outline, layout, mover).stream()).toList();
        int restored = restoreAndLeave(pico, outline, layout);
        // restored scheduled events are not in the answer's outline: the check then asks the engine
        Optional<CheckResult> checked = restored == 0 ? answer.outline().map(o -> SnapshotCheck.ofImport(outline, o,
                java.time.Instant.now())) : Optional.empty();
        log.info("imported pico {} on {}: {} rulesets repaired, {} scheduled events restored, left leaving{}",
                pico.id(), http.engine(), repaired.size(), restored, checked.isPresent() ? ", checked" : "");
        // the answer's pico was read after the repair; one found apart lacks what the repair installed
        Pico now = answer.pico().isPresent() ? leaving(pico) : repairedLeaving(pico, repaired);
        return new Imported(now, true, repaired, restored, ScheduledEvents.json(outline.schedules()), checked);
    }

    /**
     * Schedules the snapshot's missing scheduled events that are not due yet (one due already would fire at once,
     * while the pico is leaving, and be dropped: the catch-up plan takes it) and leaves the pico marked leaving.
     */
    private int restoreAndLeave(Pico pico, SnapshotOutline outline, JsonNode layout) {
        List<JsonNode> missing = ScheduledEvents.notDue(missingSchedules(outline, layout), java.time.Instant.now());
        if (!missing.isEmpty()) {
            mover.event("status_requested", Map.of("pico_id", pico.id(), "leaving", "false", "moved_to", ""));
            try {
                schedules.restore(missing, holders(outline, layout));
            } finally {
                mover.event("status_requested", Map.of("pico_id", pico.id(), "leaving", "true", "moved_to", ""));
            }
        } else if (!pico.status().leaving()) {
            mover.event("status_requested", Map.of("pico_id", pico.id(), "leaving", "true", "moved_to", ""));
        }
        return missing.size();
    }

    private JsonNode layout(Pico pico) {
        return mover.query("layout", Map.of("pico_id", pico.id()));
    }

    /** The pico with the rulesets the repair installed in it ({@code adminEci:rid}), marked leaving. */
    private static Pico repairedLeaving(Pico pico, List<String> repaired) {
        TreeSet<String> rulesets = new TreeSet<>(pico.rulesets());
        String prefix = pico.adminEci() + ":";
        repaired.stream().filter(r -> r.startsWith(prefix)).forEach(r -> rulesets.add(r.substring(prefix.length())));
        return leaving(new Pico(pico.id(), pico.adminEci(), pico.ecis(), pico.status(), pico.children(),
                List.copyOf(rulesets)));
    }

    private static Pico leaving(Pico pico) {
        return new Pico(pico.id(), pico.adminEci(), pico.ecis(), new PicoStatus(true, Optional.empty()),
                pico.children(), pico.rulesets());
    }

    /** None of the snapshot's ECIs may belong to a pico already: the root's would be a retry, the others a clash. */
    private void refuseHeldEcis(SnapshotOutline outline) {
        List<String> ecis = outline.root().tree().stream().flatMap(p -> p.ecis().stream()).toList();
        String json = EngineHttp.JSON.valueToTree(ecis).toString();
        JsonNode holders = mover.query("holders", Map.of("ecis", json));
        long held = ecis.stream().filter(e -> !holders.path(e).asText("").isEmpty()).count();
        if (held > 0) {
            throw new PicoEngineException.ImportRefused(http.engine(), held + " of the snapshot's " + ecis.size()
                    + " ECIs belong to picos on this engine that are not the snapshot's pico");
        }
    }

    /**
     * Imports, repairs and reads the tree back in one call: the mover's rules on {@code import_requested}. The
     * rulesets each pico had (by admin ECI), the schedule restore's helper left out: see RulesetRepair.
     */
    private ImportAnswer importNow(Pico parent, Snapshot snapshot, SnapshotOutline outline, boolean readBack) {
        Map<String, List<String>> rulesets = new LinkedHashMap<>();
        for (PicoOutline pico : outline.root().tree()) {
            rulesets.put(pico.adminEci(), outline.expectedRulesets(pico).stream().filter(rid -> !rid.equals(
                    ScheduleRestore.RID)).toList());
        }
        String admin = outline.root().adminEci();
        Map<String, String> attrs = new HashMap<>(Map.of("parent_id", parent.id(), "rulesets",
                EngineHttp.JSON.valueToTree(rulesets).toString()));
        if (readBack) {
            attrs.put("admin_eci", admin); // the mover's rule import_answer reads back the tree of that pico
        }
        try {
            JsonNode answer = http.event(mover.root().adminEci(), "picomesh", "import_requested", attrs, "snapshot",
                    snapshot);
            return ImportAnswer.read(answer, admin);
        } catch (PicoEngineException.Refused e) {
            String reason = e.reason();
            if (reason.contains("incompatible version")) {
                throw new PicoEngineException.VersionMismatch(http.engine(), "this engine's core version",
                        String.valueOf(outline.engineVersion()));
            }
            throw new PicoEngineException.ImportRefused(http.engine(), e.status() + " " + reason);
        }
    }

    /** The snapshot's scheduled events that the engine does not hold yet (compared without their ids). */
    static List<JsonNode> missingSchedules(SnapshotOutline outline, JsonNode layout) {
        Map<String, Integer> present = new HashMap<>();
        layout.path("schedules").forEach(s -> present.merge(digest(s), 1, Integer::sum));
        List<JsonNode> missing = new ArrayList<>();
        for (JsonNode schedule : outline.schedules()) {
            String digest = digest(schedule);
            if (present.getOrDefault(digest, 0) > 0) {
                present.merge(digest, -1, Integer::sum);
            } else {
                missing.add(schedule);
            }
        }
        return missing;
    }

    static String digest(JsonNode schedule) {
        return CanonicalDigest.of(((ObjectNode) schedule.deepCopy()).without("id"));
    }

    /** Each ECI of the snapshot to the id its pico has on this engine. */
    private static Map<String, String> holders(SnapshotOutline outline, JsonNode layout) {
        Map<String, String> holders = new HashMap<>();
        for (PicoOutline pico : outline.root().tree()) {
            String id = layout.path("ids").path(pico.adminEci()).asText("");
            pico.ecis().forEach(eci -> holders.put(eci, id));
        }
        return holders;
    }
}
