package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final String ECI = "[A-Za-z0-9]{1,64}";

    private final EngineHttp http;
    private final MoverRuleset mover;
    private final ScheduleRestore schedules;
    private final Duration transferTimeout;
    private final Map<Snapshot, SnapshotOutline> outlines = new java.util.WeakHashMap<>();

    /**
     * @param engine the engine's base URL (on loopback behind the agent)
     * @param callTimeout the bound of a small call (find, status, install)
     * @param transferTimeout the bound of a call carrying a snapshot (export, import, check): allow for 10 MB
     */
    public PicoEngine048(URI engine, Duration callTimeout, Duration transferTimeout) {
        this.http = new EngineHttp(engine, callTimeout, transferTimeout);
        this.mover = new MoverRuleset(http);
        this.schedules = new ScheduleRestore(http, mover);
        this.transferTimeout = transferTimeout;
    }

    @Override
    public Pico root() {
        return guarded(mover::root);
    }

    @Override
    public Optional<Pico> find(String eci) {
        if (eci == null || !eci.matches(ECI)) {
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
        byte[] json = guarded(() -> http.queryBytes(mover.root().adminEci(), MoverRuleset.RID, "snapshot",
                Map.of("pico_id", pico.id(), "carried", carried), transferTimeout));
        if (new String(json, 0, Math.min(json.length, 16), StandardCharsets.UTF_8).startsWith("null")) {
            throw new PicoEngineException.UnknownEci(http.engine(), pico.adminEci());
        }
        log.info("exported pico {} from {}: {} bytes", pico.id(), http.engine(), json.length);
        return Snapshot.wrap(json);
    }

    @Override
    public String schedules(Pico pico) {
        List<JsonNode> all = new java.util.ArrayList<>();
        engineSchedules(pico).forEach(all::add);
        return ScheduledEvents.json(ScheduledEvents.notDue(all, java.time.Instant.now()));
    }

    @Override
    public int restoreDue(Pico pico, String schedules) {
        List<JsonNode> carried = ScheduledEvents.parse(schedules);
        if (carried.isEmpty()) {
            return 0;
        }
        List<JsonNode> due = ScheduledEvents.dueAndGone(carried, engineSchedules(pico), java.time.Instant.now());
        if (!due.isEmpty()) {
            restore(due);
            log.info("pico {} on {}: {} scheduled events that fell due while it was leaving scheduled again",
                    pico.id(), http.engine(), due.size());
        }
        return due.size();
    }

    @Override
    public String planCatchUp(Pico pico, String schedules, Duration margin) {
        List<JsonNode> carried = ScheduledEvents.parse(schedules);
        if (carried.isEmpty()) {
            return ScheduledEvents.json(carried);
        }
        java.time.Instant now = java.time.Instant.now();
        return ScheduledEvents.json(ScheduledEvents.catchUp(carried, engineSchedules(pico), now, now.plus(margin)));
    }

    @Override
    public int restorePlanned(Pico pico, String plan) {
        List<JsonNode> wanted = ScheduledEvents.parse(plan);
        if (wanted.isEmpty()) {
            return 0;
        }
        List<JsonNode> missing = ScheduledEvents.missingNotDue(wanted, engineSchedules(pico), java.time.Instant.now());
        if (missing.isEmpty()) {
            return 0;
        }
        boolean leaving = find(pico.adminEci()).map(p -> p.status().leaving()).orElse(false);
        if (leaving) {
            unmarkLeaving(pico); // the engine takes the restoring event only from a pico that runs
        }
        try {
            restore(missing);
        } finally {
            if (leaving) {
                markLeaving(pico);
            }
        }
        log.info("pico {} on {}: {} scheduled events scheduled again", pico.id(), http.engine(), missing.size());
        return missing.size();
    }

    /** The pico's scheduled events as the engine holds them now. */
    private JsonNode engineSchedules(Pico pico) {
        return guarded(() -> mover.query("layout", Map.of("pico_id", pico.id()))).path("schedules");
    }

    /** Schedules these events again, each on the pico that holds its ECI now. */
    private void restore(List<JsonNode> events) {
        Map<String, String> holders = holders(events.stream().map(e -> e.path("event").path("eci").asText())
                .distinct().toList());
        guarded(() -> {
            schedules.restore(events, holders);
            return null;
        });
    }

    @Override
    public Imported importIdempotent(Pico parent, Snapshot snapshot) {
        return guarded(() -> new Importer(http, mover, schedules).importIdempotent(parent, snapshot, this::outline,
                this::find));
    }

    @Override
    public CheckResult check(Pico pico, Snapshot expected) {
        SnapshotOutline want = outline(expected);
        Snapshot actual = export(pico);
        try {
            SnapshotOutline have = SnapshotOutline.read(actual);
            // what fell due meanwhile is scheduled again once the pico is live (restoreDue), not before
            java.time.Instant now = java.time.Instant.now();
            want = want.withSchedules(ScheduledEvents.notDue(want.schedules(), now));
            have = have.withSchedules(ScheduledEvents.notDue(have.schedules(), now));
            List<String> ecis = want.root().tree().stream().flatMap(p -> p.ecis().stream()).toList();
            return SnapshotCheck.compare(want, have, holders(ecis));
        } finally {
            actual.erase();
        }
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
    public List<String> treeEcis(Pico pico) {
        // one query for the whole tree: a move's first step waited on one call per pico before
        JsonNode all = guarded(() -> mover.query("treeEcis", Map.of("pico_id", pico.id())));
        List<String> ecis = new java.util.ArrayList<>();
        all.forEach(eci -> ecis.add(eci.asText()));
        if (ecis.isEmpty()) {
            throw new PicoEngineException.UnknownEci(http.engine(), pico.adminEci());
        }
        return List.copyOf(ecis);
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
        return known(pico, () -> http.event(pico.adminEci(), domain, type, attrs));
    }

    @Override
    public JsonNode query(Pico pico, String rid, String function) {
        return known(pico, () -> http.query(pico.adminEci(), rid, function, Map.of()));
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

    /**
     * The snapshot's outline, read once for the import and the check that follows it (reading one of 10 MB costs
     * seconds). Kept by the snapshot's identity, weakly: it holds ECIs and digests, no keys and no state.
     */
    private SnapshotOutline outline(Snapshot snapshot) {
        synchronized (outlines) {
            SnapshotOutline known = outlines.get(snapshot);
            if (known == null) {
                known = SnapshotOutline.read(snapshot);
                outlines.put(snapshot, known);
            }
            return known;
        }
    }

    @Override
    public List<String> snapshotEcis(Snapshot snapshot) {
        SnapshotOutline outline;
        try {
            outline = outline(snapshot);
        } catch (IllegalArgumentException e) {
            throw new PicoEngineException.ImportRefused(http.engine(), e.getMessage());
        }
        java.util.LinkedHashSet<String> ecis = new java.util.LinkedHashSet<>();
        ecis.add(outline.root().adminEci());
        outline.root().tree().forEach(p -> {
            ecis.add(p.adminEci());
            ecis.addAll(p.ecis());
        });
        if (!ecis.stream().allMatch(e -> e != null && e.matches(ECI))) {
            throw new PicoEngineException.ImportRefused(http.engine(), "the snapshot names an ECI that no engine makes");
        }
        return List.copyOf(ecis);
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
        String json = EngineHttp.JSON.valueToTree(ecis).toString();
        JsonNode answer = guarded(() -> mover.query("holders", Map.of("ecis", json)));
        return EngineHttp.JSON.convertValue(answer, EngineHttp.JSON.getTypeFactory().constructMapType(Map.class,
                String.class, String.class));
    }

    /** Runs a call; after a failure that may come from a restarted engine, the mover is installed again next time. */
    private <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (PicoEngineException.Unreachable | PicoEngineException.Refused e) {
            mover.forget();
            throw e;
        }
    }
}
