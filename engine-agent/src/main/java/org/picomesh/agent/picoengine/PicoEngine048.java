package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
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

    private final EngineHttp http;
    private final MoverRuleset mover;
    private final EngineSchedules schedules;
    private final TreeLeaving leaving;
    private final TreeArrival arrival;
    private final PicoCalls calls;

    /**
     * @param engine the engine's base URL (on loopback behind the agent)
     * @param callTimeout the bound of a small call (find, status, install)
     * @param transferTimeout the bound of a call carrying a snapshot or reading a whole tree (export, import, check):
     *     allow for 10 MB
     */
    public PicoEngine048(URI engine, Duration callTimeout, Duration transferTimeout) {
        this.http = new EngineHttp(engine, callTimeout, transferTimeout);
        this.mover = new MoverRuleset(http);
        ScheduleRestore restore = new ScheduleRestore(http, mover);
        this.schedules = new EngineSchedules(http, mover, restore);
        this.leaving = new TreeLeaving(http, mover, transferTimeout);
        this.arrival = new TreeArrival(http, mover, restore, transferTimeout, this::find);
        this.calls = new PicoCalls(http, mover);
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
        mover.known(pico, () -> mover.event("status_requested", Map.of("pico_id", pico.id(), "leaving",
                String.valueOf(leaving), "moved_to", movedTo)));
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
        return mover.known(pico, () -> leaving.carried(pico));
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
        return arrival.importIdempotent(parent, snapshot, false, true);
    }

    @Override
    public Imported importUnheld(Pico parent, Snapshot snapshot) {
        return arrival.importIdempotent(parent, snapshot, true, true);
    }

    /**
     * As {@link #importIdempotent}, without reading the tree back for its check in the import's episode: the engines'
     * own import and repair, the baseline the migrate bench compares a move with (the check is timed apart there).
     */
    Imported importBare(Pico parent, Snapshot snapshot) {
        return arrival.importIdempotent(parent, snapshot, false, false);
    }

    @Override
    public CheckResult check(Pico pico, Snapshot expected) {
        return arrival.check(pico, expected);
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
        calls.install(pico, rid, source);
    }

    @Override
    public JsonNode signal(Pico pico, String domain, String type, Map<String, String> attrs) {
        return calls.signal(pico, domain, type, attrs);
    }

    @Override
    public JsonNode query(Pico pico, String rid, String function) {
        return calls.query(pico, rid, function);
    }

    @Override
    public Optional<JsonNode> entvar(Pico pico, String rid, String name) {
        return calls.entvar(pico, rid, name);
    }

    @Override
    public List<String> snapshotEcis(Snapshot snapshot) {
        return arrival.snapshotEcis(snapshot);
    }

    @Override
    public List<String> foreignRulesets(Snapshot snapshot) {
        return arrival.foreignRulesets(snapshot);
    }

    @Override
    public List<String> held(List<String> ecis) {
        return arrival.held(ecis);
    }

    private <T> T guarded(Supplier<T> call) {
        return mover.guarded(call);
    }
}
