package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What moving a pico between engines needs from a pico engine, behind one interface so that another engine line can
 * be added next to {@link PicoEngine048}. Every call is bounded in time and fails with a {@link PicoEngineException}
 * subtype; none logs a snapshot or a pico's state.
 */
public interface PicoEngine {

    /** The engine's root pico, under which moved picos are imported. */
    Pico root();

    /** The pico holding this ECI (as one of its channels), or nothing when no pico on the engine holds it. */
    Optional<Pico> find(String eci);

    /**
     * Marks the pico and its children leaving: the engine then answers 410 to events and queries for them and runs
     * none (nor their scheduled events), so an export taken afterwards is consistent.
     */
    void markLeaving(Pico pico);

    /** Lets the pico and its children run again on this engine. */
    void unmarkLeaving(Pico pico);

    /** Marks the pico and its children moved: the engine then answers 302 to {@code newHost} + the same path. */
    void markMoved(Pico pico, URI newHost);

    /**
     * The pico's snapshot: its export and its children's, plus what the export leaves out (the installed rulesets
     * per pico, the scheduled events). The snapshot holds the channels' private keys: keep it in memory or encrypted.
     * Mark the pico leaving first, or an event may change it mid-export.
     */
    default Snapshot export(Pico pico) {
        return export(pico, "[]");
    }

    /**
     * As {@link #export(Pico)}, with the scheduled events {@code carried} (a JSON array as {@link #schedules} gave it,
     * read before the pico was marked leaving) besides those the engine still holds: 0.48.1 drops a schedule that
     * falls due while the pico is leaving, so the snapshot must carry it from what was read before.
     */
    Snapshot export(Pico pico, String carried);

    /**
     * The scheduled events of the pico and its children that are not due yet, as a JSON array: read them before
     * marking the pico leaving, keep them with the move, hand them to {@link #export(Pico, String)} and
     * {@link #planCatchUp}.
     */
    String schedules(Pico pico);

    /**
     * The plan that lets a leaving pico run again without losing a scheduled event: {@code schedules} (as
     * {@link #schedules} gave them) with each one that fell due while the pico was leaving, and that the engine
     * dropped, moved to {@code margin} from now. Reads only. Record the plan before {@link #restorePlanned}: taken again
     * on the plan after a crash, it changes nothing that was restored.
     */
    String planCatchUp(Pico pico, String schedules, java.time.Duration margin);

    /**
     * Schedules again those of {@code plan} that are not due yet and that the engine does not hold (compared without
     * their ids): so a second call restores nothing twice. A leaving pico's mark is lifted only for that moment: call
     * it before letting the pico run, so a restored event (due {@code margin} ahead) fires once, where it runs. Returns
     * how many.
     */
    int restorePlanned(Pico pico, String plan);

    /**
     * Imports the snapshot under {@code parent} unless a pico already holds its ECIs (a retried import: that pico is
     * returned and nothing is imported twice), then repairs what 0.48.1 loses (rulesets of children, scheduled
     * events) and leaves the pico marked leaving: it runs on this engine only once {@link #unmarkLeaving} is called.
     */
    Imported importIdempotent(Pico parent, Snapshot snapshot);

    /**
     * As {@link #importIdempotent}, for a caller that has just seen none of the snapshot's ECIs {@link #held} here
     * and recorded them before importing (so that after a crash it finds the import through
     * {@link #importIdempotent}): nothing is looked up before the import.
     */
    Imported importUnheld(Pico parent, Snapshot snapshot);

    /**
     * Every ECI the snapshot's picos hold, its root's admin ECI first: what an import makes this engine hold, and so
     * how an import that failed or was cut short is found again. Refused when the snapshot is not one.
     */
    List<String> snapshotEcis(Snapshot snapshot);

    /**
     * The rulesets whose source the snapshot carries and this engine has not enabled: importing it registers that
     * source here, code of the pico's owner that then runs beside every other pico (in 0.48.1 any ruleset may call
     * {@code engine:*} on any pico). Refused when the snapshot is not one.
     */
    List<String> foreignRulesets(Snapshot snapshot);

    /** Those of {@code ecis} that a pico on this engine holds now. */
    List<String> held(List<String> ecis);

    /**
     * Whether the pico answers on the snapshot's ECIs with the snapshot's state, children and scheduled events; from a
     * digest of its state that the engine computes, so without exporting it again.
     */
    CheckResult check(Pico pico, Snapshot expected);

    /**
     * As {@link #check(Pico, Snapshot)} for what an import returned: from the outline the import's own answer read of
     * the tree when it did (a fresh import whose scheduled events needed no restoring), else by asking the engine.
     */
    default CheckResult check(Imported imported, Snapshot expected) {
        return imported.checked().orElseGet(() -> check(imported.pico(), expected));
    }

    /**
     * Takes the pico off this engine for a move, in one call: reads the scheduled events of the pico and its children
     * that are not due yet and keeps them on the engine, then marks the tree leaving (as {@link #markLeaving}), then
     * answers its snapshot (as {@link #export(Pico, String)} with what was kept). A pico leaving already keeps what was
     * read the first time (0.48.1 drops a schedule that falls due while leaving), so the call taken again after a
     * crash carries the same events; {@code carried} (a JSON array, may be null) serves only when the engine kept none.
     * Mark the tree's channels held before: from here the engine refuses their events.
     *
     * @throws PicoEngineException.UnknownEci when no pico holds {@code adminEci}
     */
    Snapshot leave(String adminEci, String carried);

    /** What {@link #leave} kept for the pico when it left, as a JSON array: {@code []} once it runs again. */
    String carried(Pico pico);

    /**
     * Every ECI of the tree of the pico holding {@code eci}, as {@link #treeEcis}, without looking the pico up first.
     *
     * @throws PicoEngineException.UnknownEci when no pico holds {@code eci}
     */
    List<String> treeEcisOf(String eci);

    /**
     * Every ECI of the pico and its descendants: the channels by which callers reach the tree, which a front door
     * holds or forwards while the pico moves. Reads no state.
     */
    List<String> treeEcis(Pico pico);

    /** Removes the pico, its children and their scheduled events from the engine. Nothing happens when it is gone. */
    void delete(Pico pico);

    /**
     * Registers a ruleset from its KRL source (the same source again changes nothing) and installs it in the pico (a
     * ruleset already installed stays as it is).
     */
    void install(Pico pico, String rid, String source);

    /**
     * Sends the pico an event on its admin channel, straight to the engine on loopback (never through the front
     * door, which refuses the agent's own event domain); its directives.
     */
    JsonNode signal(Pico pico, String domain, String type, Map<String, String> attrs);

    /** Calls a function the pico's ruleset {@code rid} shares; its answer. */
    JsonNode query(Pico pico, String rid, String function);

    /**
     * One entity variable of the pico's ruleset {@code rid}, private state that no channel of the pico shows (the
     * market key): read on the engine's root pico, which only the agent reaches; nothing when it is not set.
     */
    Optional<JsonNode> entvar(Pico pico, String rid, String name);
}
