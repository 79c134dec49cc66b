package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mover's answer to {@code import_requested}, one episode's directives: the rulesets its repair installed
 * ({@code repaired}, one per pico) and the new pico with its tree's layout and outline as the engine held them after
 * the repair ({@code imported}).
 *
 * @param pico the new pico, when the answer named the snapshot's root with its layout and outline (empty: find it by
 *     its admin ECI, then repair and read it apart)
 * @param layout the tree's layout (ids, installed rulesets, scheduled events by admin ECI); missing when no pico
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
        boolean whole = imported.path("pico").isObject() && imported.path("layout").isObject()
                && imported.path("outline").isObject();
        Optional<Pico> pico = whole ? Optional.of(PicoJson.pico(imported.path("pico"))).filter(p -> p.adminEci()
                .equals(admin)) : Optional.empty();
        Optional<EngineOutline> outline = pico.isPresent() ? Optional.of(EngineOutline.read(imported.path("outline")))
                : Optional.empty();
        JsonNode layout = pico.isPresent() ? imported.path("layout") : MissingNode.getInstance();
        return new ImportAnswer(pico, layout, outline, repaired);
    }
}
