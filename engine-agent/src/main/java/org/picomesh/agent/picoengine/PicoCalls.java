package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls about one pico's own rulesets on 0.48.1 (the enrolment's, the market's): installing one, an event or a query
 * straight to the pico, an entity variable read through the mover. The engine's 404 is the pico gone.
 */
final class PicoCalls {
    private static final Logger log = LoggerFactory.getLogger(PicoCalls.class);

    private final EngineHttp http;
    private final MoverRuleset mover;

    PicoCalls(EngineHttp http, MoverRuleset mover) {
        this.http = http;
        this.mover = mover;
    }

    void install(Pico pico, String rid, String source) {
        String rids = EngineHttp.JSON.valueToTree(List.of(rid)).toString();
        mover.known(pico, () -> {
            http.register(source);
            return mover.event("rulesets_install_requested", Map.of("pico_id", pico.id(), "rids", rids));
        });
        log.info("installed {} in pico {} on {}", rid, pico.id(), http.engine());
    }

    JsonNode signal(Pico pico, String domain, String type, Map<String, String> attrs) {
        return direct(pico, () -> http.event(pico.adminEci(), domain, type, attrs));
    }

    JsonNode query(Pico pico, String rid, String function) {
        return direct(pico, () -> http.query(pico.adminEci(), rid, function, Map.of()));
    }

    Optional<JsonNode> entvar(Pico pico, String rid, String name) {
        JsonNode value = mover.known(pico, () -> mover.query("entvar", Map.of("pico_id", pico.id(), "rid", rid,
                "name", name)));
        return value == null || value.isNull() || value.isMissingNode() ? Optional.empty() : Optional.of(value);
    }

    /**
     * A call straight to the pico, not through the mover: its ruleset's refusal (a 500 for a ruleset the pico lacks,
     * say) says nothing of the engine, so only an engine that does not answer makes the mover be installed again
     * (reinstalling it after each refusal cost a move in progress three more calls to the engine).
     */
    private <T> T direct(Pico pico, Supplier<T> call) {
        try {
            return call.get();
        } catch (PicoEngineException.Unreachable e) {
            mover.forget();
            throw e;
        } catch (PicoEngineException.Refused e) {
            if (e.status() == 404) {
                throw new PicoEngineException.UnknownEci(http.engine(), pico.adminEci());
            }
            throw e;
        }
    }
}
