package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PicoEngine} for npm pico-engine 0.48.1, through the {@code org.picomesh.mover} ruleset on its root pico.
 * Run the engine without its episode log (see {@code PicoEngineProcess.startQuiet}): 0.48.1 logs every event's
 * attributes and every query's result, snapshots included, to its home folder.
 */
public final class PicoEngine048 implements PicoEngine {
    private static final Logger log = LoggerFactory.getLogger(PicoEngine048.class);

    private final EngineHttp http;
    private final MoverRuleset mover;
    private final ScheduleRestore restore;
    private final EngineSchedules schedules;
    private final Duration transferTimeout;
    private final SnapshotOutlines outlines;
    private final TreeLeaving leaving;

    /**
     * @param engine the engine's base URL (on loopback behind the agent)
     * @param callTimeout the bound of a small call (find, status, install)
     * @param transferTimeout the bound of a call carrying a snapshot or reading a whole tree (export, import, check):
     *     allow for 10 MB
     */
    public PicoEngine048(URI engine, Duration callTimeout, Duration transferTimeout) {
        this.http = new EngineHttp(engine, callTimeout, transferTimeout);
        this.mover = new MoverRuleset(http);
        this.restore = new ScheduleRestore(http, mover);
        this.schedules = new EngineSchedules(http, mover, restore);
        this.transferTimeout = transferTimeout;
        this.outlines = new SnapshotOutlines(http.engine());
        this.leaving = new TreeLeaving(http, mover, transferTimeout);
    }

    @Override
    public Pico root() {
        return guarded(mover::root);
    }

    @Override
    public Optional<Pico> find(String eci) {
        if (eci == null || !eci.matches(SnapshotOutlines.ECI)) {
            return Optional.empty(); // no engine-made ECI looks like that: none holds it
        }
        JsonNode pico = guarded(() -> mover.query("picoOf", Map.of("eci", eci)));
        return pico.isObject() ? Optional.of(PicoJson.pico(pico)) : Optional.empty();
    }

    @Override
    public void markLeaving(Pico pico) {
        status(pico, true, "");
    }

    @Override
    public void unmarkLeaving(Pico pico) {
        status(pico, false, "");
    }

    @Override
    public void markMoved(Pico pico, URI newHost) {
        status(pico, false, newHost.toString());
    }

    private void status(Pico pico, boolean leaving, String movedTo) {
        try {
            guarded(() -> mover.event("status_requested", Map.of("pico_id", pico.id(), "leaving",
                    String.valueOf(leaving), "moved_to", movedTo)));
        } catch (PicoEngineException.Refused e) {
            if (e.status() == 404) {
                throw new PicoEngineException.UnknownEci(http.engine(), pico.adminEci());
            }
            throw e;
        }
        log.info("pico {} on {}: {}", pico.id(), http.engine(), movedTo.isEmpty() ? (leaving ? "leaving" : "live")
                : "moved to " + movedTo);
    }

    @Override
    public Snapshot export(Pico pico, String carried) {
        return leaving.export(pico, carried);
    }

    @Override
    public Snapshot leave(String adminEci, String carried) {
        return leaving.leave(adminEci, carried);
    }

    @Override
    public String carried(Pico pico) {
        return known(pico, () -> leaving.carried(pico));
    }

    @Override
    public List<String> treeEcisOf(String eci) {
        return leaving.treeEcisOf(eci);
    }

    @Override
    public List<String> treeEcis(Pico pico) {
        return leaving.treeEcis(pico);
    }

    @Override
    public String schedules(Pico pico) {
        return guarded(() -> schedules.read(pico));
    }

    @Override
    public String planCatchUp(Pico pico, String carried, Duration margin) {
        return guarded(() -> schedules.planCatchUp(pico, carried, margin));
    }

    @Override
    public int restorePlanned(Pico pico, String plan) {
        return guarded(() -> schedules.restorePlanned(pico, plan));
    }

    @Override
    public Imported importIdempotent(Pico parent, Snapshot snapshot) {
        return guarded(() -> new Importer(http, mover, restore).importIdempotent(parent, snapshot, false, true,
                outlines::of, this::find));
    }

    @Override
    public Imported importUnheld(Pico parent, Snapshot snapshot) {
        return guarded(() -> new Importer(http, mover, restore).importIdempotent(parent, snapshot, true, true,
                outlines::of, this::find));
    }

    /**
     * As {@link #importIdempotent}, without reading the tree back for its check in the import's episode: the engines'
     * own import and repair, the baseline the migrate bench compares a move with (the check is timed apart there).
     */
    Imported importBare(Pico parent, Snapshot snapshot) {
        return guarded(() -> new Importer(http, mover, restore).importIdempotent(parent, snapshot, false, false,
                outlines::of, this::find));
    }

    /** Compares with the outline the engine computes of the imported tree: the pico is not exported again. */
    @Override
    public CheckResult check(Pico pico, Snapshot expected) {
        SnapshotOutline want = outlines.of(expected);
        // the engine reads the whole tree's state for it: the bound of a transfer
        JsonNode document = known(pico, () -> http.query(mover.root().adminEci(), MoverRuleset.RID, "outline",
                Map.of("pico_id", pico.id()), transferTimeout));
        if (!document.isObject()) {
            throw new PicoEngineException.UnknownEci(http.engine(), pico.adminEci());
        }
        return SnapshotCheck.ofImport(want, EngineOutline.read(document), java.time.Instant.now());
    }

    @Override
    public void delete(Pico pico) {
        guarded(() -> mover.event("removal_requested", Map.of("pico_id", pico.id())));
        if (find(pico.adminEci()).isPresent()) {
            throw new PicoEngineException.Refused(http.engine(), "removal of pico " + pico.id(), 200,
                    "the pico is still there");
        }
        log.info("deleted pico {} and its children from {}", pico.id(), http.engine());
    }

    @Override
    public void install(Pico pico, String rid, String source) {
        String rids = EngineHttp.JSON.valueToTree(List.of(rid)).toString();
        known(pico, () -> {
            http.register(source);
            return mover.event("rulesets_install_requested", Map.of("pico_id", pico.id(), "rids", rids));
        });
        log.info("installed {} in pico {} on {}", rid, pico.id(), http.engine());
    }

    @Override
    public JsonNode signal(Pico pico, String domain, String type, Map<String, String> attrs) {
        return direct(pico, () -> http.event(pico.adminEci(), domain, type, attrs));
    }

    @Override
    public JsonNode query(Pico pico, String rid, String function) {
        return direct(pico, () -> http.query(pico.adminEci(), rid, function, Map.of()));
    }

    @Override
    public Optional<JsonNode> entvar(Pico pico, String rid, String name) {
        JsonNode value = known(pico, () -> mover.query("entvar", Map.of("pico_id", pico.id(), "rid", rid, "name",
                name)));
        return value == null || value.isNull() || value.isMissingNode() ? Optional.empty() : Optional.of(value);
    }

    /** A call about one pico: the engine's 404 (the pico is gone) as {@link PicoEngineException.UnknownEci}. */
    private <T> T known(Pico pico, Supplier<T> call) {
        try {
            return guarded(call);
        } catch (PicoEngineException.Refused e) {
            if (e.status() == 404) {
                throw new PicoEngineException.UnknownEci(http.engine(), pico.adminEci());
            }
            throw e;
        }
    }

    @Override
    public List<String> snapshotEcis(Snapshot snapshot) {
        return outlines.ecis(snapshot);
    }

    @Override
    public List<String> foreignRulesets(Snapshot snapshot) {
        List<String> carried = outlines.carriedRulesets(snapshot);
        if (carried.isEmpty()) {
            return carried;
        }
        Set<String> enabled = new HashSet<>();
        guarded(() -> mover.query("enabledRulesets", Map.of())).forEach(rid -> enabled.add(rid.asText()));
        return carried.stream().filter(rid -> !enabled.contains(rid)).toList();
    }

    @Override
    public List<String> held(List<String> ecis) {
        if (ecis.isEmpty()) {
            return List.of();
        }
        Map<String, String> holders = holders(ecis);
        return ecis.stream().filter(e -> !holders.getOrDefault(e, "").isEmpty()).toList();
    }

    /** Each ECI to the id of the pico holding it, "" for none. */
    Map<String, String> holders(List<String> ecis) {
        return guarded(() -> mover.holders(ecis));
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

    private <T> T guarded(Supplier<T> call) {
        return mover.guarded(call);
    }
}
