package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mover's answer to {@code import_requested}, one episode's directives: the rulesets its repair installed
 * ({@code repaired}, one per pico) and the new pico with its tree's outline as the engine held them after the repair
 * ({@code imported}).
 *
 * @param pico the new pico, when the answer named the snapshot's root with its outline (empty: find it by its
 *     admin ECI, then repair and read it apart)
 * @param layout the tree's layout as the mover's {@code layout} gives it (ids and installed rulesets by admin ECI, the
 *     scheduled events), taken from the outline; missing when no pico
 * @param outline what the check of the import compares with the snapshot's; present with the pico
 * @param repaired the rulesets installed after the import, as {@code adminEci:rid}
 */
record ImportAnswer(Optional<Pico> pico, JsonNode layout, Optional<EngineOutline> outline, List<String> repaired) {

    /** {@code admin}: the snapshot's root's admin ECI; an answer about another pico names none. */
    static ImportAnswer read(JsonNode answer, String admin) {
        JsonNode imported = MissingNode.getInstance();
        List<String> repaired = new ArrayList<>();
        for (JsonNode directive : answer.path("directives")) {
            JsonNode options = directive.path("options");
            switch (directive.path("name").asText("")) {
                case "imported" -> imported = options;
                case "repaired" -> options.path("rids").forEach(rid -> repaired.add(options.path("admin_eci")
                        .asText() + ":" + rid.asText()));
                default -> {
                }
            }
        }
        // an answer without the outline is no answer of rule import_answer: it neither repaired nor read anything
        boolean whole = imported.path("pico").isObject() && imported.path("outline").isObject();
        Optional<Pico> pico = whole ? Optional.of(PicoJson.pico(imported.path("pico"))).filter(p -> p.adminEci()
                .equals(admin)) : Optional.empty();
        Optional<EngineOutline> outline = pico.isPresent() ? Optional.of(EngineOutline.read(imported.path("outline")))
                : Optional.empty();
        JsonNode layout = pico.isPresent() ? layout(imported.path("outline")) : MissingNode.getInstance();
        return new ImportAnswer(pico, layout, outline, repaired);
    }

    /** The mover's layout of the tree, from its outline: the same reading, not asked for twice. */
    private static JsonNode layout(JsonNode outline) {
        ObjectNode layout = EngineHttp.JSON.createObjectNode();
        ObjectNode ids = layout.putObject("ids");
        List<JsonNode> picos = new ArrayList<>(List.of(outline.path("pico")));
        while (!picos.isEmpty()) {
            JsonNode pico = picos.remove(picos.size() - 1);
            ids.put(pico.path("admin_eci").asText(""), pico.path("id").asText(""));
            pico.path("children").forEach(picos::add);
        }
        layout.set("installed", outline.path("installed"));
        layout.set("schedules", outline.path("schedules"));
        return layout;
    }
}
