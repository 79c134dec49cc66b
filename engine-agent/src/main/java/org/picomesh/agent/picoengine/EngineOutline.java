package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.picomesh.agent.picoengine.SnapshotOutline.PicoOutline;

/**
 * An imported tree's outline as the target's engine computes it (the mover ruleset's {@code outline}): the same
 * structure as a snapshot's outline, its entity variables as {@link EntvarDigest}s computed inside the engine, each
 * channel with the pico that holds it. The check of an import reads this instead of exporting the pico again: no
 * state crosses loopback, and the agent parses kilobytes instead of the whole state.
 *
 * @param outline the tree, comparable with the snapshot's by {@link SnapshotCheck}
 * @param holders each channel of the tree to the id of the pico that holds it on the engine
 */
record EngineOutline(SnapshotOutline outline, Map<String, String> holders) {

    /** {@code document}: the mover's answer, an object (the caller turns its null, an unknown pico, away). */
    static EngineOutline read(JsonNode document) {
        Map<String, List<String>> installed = new LinkedHashMap<>();
        document.path("installed").fields().forEachRemaining(e -> installed.put(e.getKey(), SnapshotOutline.texts(
                e.getValue())));
        List<JsonNode> schedules = new ArrayList<>();
        document.path("schedules").forEach(schedules::add);
        Map<String, String> holders = new LinkedHashMap<>();
        PicoOutline root = pico(document.path("pico"), holders);
        return new EngineOutline(new SnapshotOutline(null, root, installed, schedules), holders);
    }

    private static PicoOutline pico(JsonNode pico, Map<String, String> holders) {
        TreeSet<String> ecis = new TreeSet<>();
        pico.path("channels").fields().forEachRemaining(e -> {
            ecis.add(e.getKey());
            holders.put(e.getKey(), e.getValue().asText(""));
        });
        TreeMap<String, String> entvars = new TreeMap<>();
        TreeSet<String> stateRids = new TreeSet<>();
        pico.path("entvars").fields().forEachRemaining(rid -> {
            stateRids.add(rid.getKey());
            rid.getValue().fields().forEachRemaining(v -> entvars.put(rid.getKey() + "/" + v.getKey(), v.getValue()
                    .asText()));
        });
        pico.path("state_machine").forEach(rid -> stateRids.add(rid.asText()));
        List<PicoOutline> children = new ArrayList<>();
        pico.path("children").forEach(child -> children.add(pico(child, holders)));
        return new PicoOutline(pico.path("id").asText(""), pico.path("admin_eci").asText(""), ecis,
                SnapshotOutline.texts(pico.path("rulesets")), entvars, stateRids, children);
    }
}
