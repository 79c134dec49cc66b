package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A move's source side on 0.48.1, through the mover: the tree's channels (held by the front door before the tree
 * leaves), the tree leaving and exported in one episode, the scheduled events kept for it, a plain export.
 */
final class TreeLeaving {
    private static final Logger log = LoggerFactory.getLogger(TreeLeaving.class);
    /** How the mover's snapshot document begins (its version field first): see {@link Snapshot}. */
    private static final String SNAPSHOT_START = "{\"picomesh\":";

    private final EngineHttp http;
    private final MoverRuleset mover;
    private final Duration transferTimeout;

    TreeLeaving(EngineHttp http, MoverRuleset mover, Duration transferTimeout) {
        this.http = http;
        this.mover = mover;
        this.transferTimeout = transferTimeout;
    }

    Snapshot export(Pico pico, String carried) {
        byte[] json = mover.guarded(() -> http.queryBytes(mover.root().adminEci(), MoverRuleset.RID, "snapshot",
                Map.of("pico_id", pico.id(), "carried", carried), transferTimeout));
        if (new String(json, 0, Math.min(json.length, 16), StandardCharsets.UTF_8).startsWith("null")) {
            throw new PicoEngineException.UnknownEci(http.engine(), pico.adminEci());
        }
        log.info("exported pico {} from {}: {} bytes", pico.id(), http.engine(), json.length);
        return Snapshot.wrap(json);
    }

    Snapshot leave(String adminEci, String carried) {
        if (adminEci == null || !adminEci.matches(SnapshotOutlines.ECI)) {
            throw new PicoEngineException.UnknownEci(http.engine(), adminEci);
        }
        Map<String, String> attrs = carried == null ? Map.of("eci", adminEci) : Map.of("eci", adminEci, "carried",
                carried);
        // marks leaving and exports: the bound of a transfer
        byte[] json = mover.guarded(() -> http.eventBytes(mover.root().adminEci(), "picomesh", "leave_requested",
                attrs, transferTimeout));
        // the answer is the snapshot itself, or the engine's plain directives when no pico holds the ECI
        if (!new String(json, 0, Math.min(json.length, SNAPSHOT_START.length()), StandardCharsets.UTF_8)
                .equals(SNAPSHOT_START)) {
            throw new PicoEngineException.UnknownEci(http.engine(), adminEci);
        }
        log.info("pico with ECI {} on {}: leaving, exported {} bytes", adminEci, http.engine(), json.length);
        return Snapshot.wrap(json);
    }

    /** The scheduled events kept for the pico when it left, as a JSON array ("[]" for none). */
    String carried(Pico pico) {
        return mover.query("carried", Map.of("pico_id", pico.id())).asText("[]");
    }

    List<String> treeEcisOf(String eci) {
        if (eci == null || !eci.matches(SnapshotOutlines.ECI)) {
            throw new PicoEngineException.UnknownEci(http.engine(), eci);
        }
        return ecis(mover.guarded(() -> mover.query("treeEcisOf", Map.of("eci", eci))), eci);
    }

    List<String> treeEcis(Pico pico) {
        // one query for the whole tree: a move's first step waited on one call per pico before
        return ecis(mover.guarded(() -> mover.query("treeEcis", Map.of("pico_id", pico.id()))), pico.adminEci());
    }

    private List<String> ecis(JsonNode all, String adminEci) {
        List<String> ecis = new ArrayList<>();
        all.forEach(eci -> ecis.add(eci.asText()));
        if (ecis.isEmpty()) {
            throw new PicoEngineException.UnknownEci(http.engine(), adminEci);
        }
        return List.copyOf(ecis);
    }
}
