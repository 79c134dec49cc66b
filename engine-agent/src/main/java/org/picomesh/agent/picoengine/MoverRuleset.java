package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's own ruleset on the engine's root pico ({@code org.picomesh.mover}): the only way to reach
 * pico-engine 0.48.1's export, import and status functions over HTTP. Registered and installed on first use, and again
 * after a failure (the engine may have restarted on another database); both are idempotent.
 */
final class MoverRuleset {
    private static final Logger log = LoggerFactory.getLogger(MoverRuleset.class);
    static final String RID = "org.picomesh.mover";
    /** The engine line this client speaks: export and import refuse other core versions anyway. */
    static final String ENGINE_LINE = "0.48.";

    private final EngineHttp http;
    private final String source;
    private volatile Pico root;

    MoverRuleset(EngineHttp http) {
        this.http = http;
        try (InputStream krl = MoverRuleset.class.getResourceAsStream("/picoengine/" + RID + ".krl")) {
            this.source = new String(krl.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("the mover ruleset is missing from the agent's jar", e));
        }
    }

    /** The root pico, the mover installed on it. */
    Pico root() {
        Pico known = root;
        return known != null ? known : install();
    }

    /** Forgets the installation, so that the next call installs again. */
    void forget() {
        root = null;
    }

    /** Runs a call; after a failure that may come from a restarted engine, the mover is installed again next time. */
    <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (PicoEngineException.Unreachable | PicoEngineException.Refused e) {
            forget();
            throw e;
        }
    }

    /** A guarded call about one pico: the engine's 404 (the pico is gone) as {@link PicoEngineException.UnknownEci}. */
    <T> T known(Pico pico, java.util.function.Supplier<T> call) {
        try {
            return guarded(call);
        } catch (PicoEngineException.Refused e) {
            if (e.status() == 404) {
                throw new PicoEngineException.UnknownEci(http.engine(), pico.adminEci());
            }
            throw e;
        }
    }

    JsonNode query(String function, Map<String, String> args) {
        return http.query(root().adminEci(), RID, function, args);
    }

    JsonNode event(String type, Map<String, String> attrs) {
        return http.event(root().adminEci(), "picomesh", type, attrs);
    }

    /** Each ECI to the id of the pico holding it, "" for none. */
    Map<String, String> holders(List<String> ecis) {
        JsonNode answer = query("holders", Map.of("ecis", EngineHttp.JSON.valueToTree(ecis).toString()));
        return EngineHttp.JSON.convertValue(answer, EngineHttp.JSON.getTypeFactory().constructMapType(Map.class,
                String.class, String.class));
    }

    private synchronized Pico install() {
        if (root != null) {
            return root;
        }
        String version = http.get("/api/engine-version").path("version").asText("");
        if (!version.startsWith(ENGINE_LINE)) {
            throw new PicoEngineException.VersionMismatch(http.engine(), ENGINE_LINE + "x", version);
        }
        String eci = http.get("/api/root-eci").path("eci").asText("");
        if (!eci.matches("[A-Za-z0-9]{1,64}")) {
            throw new PicoEngineException.Refused(http.engine(), "/api/root-eci", 200, "no root pico channel named");
        }
        http.register(source);
        http.event(eci, "wrangler", "install_rulesets_requested", Map.of("rids", RID));
        JsonNode pico = http.query(eci, RID, "picoOf", Map.of("eci", eci));
        log.info("installed the {} ruleset on the root pico of the pico engine at {}", RID, http.engine());
        root = PicoJson.pico(pico);
        return root;
    }
}
