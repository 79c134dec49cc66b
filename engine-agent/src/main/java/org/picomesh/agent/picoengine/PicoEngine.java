package org.picomesh.agent.picoengine;

import java.net.URI;
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
    Snapshot export(Pico pico);

    /**
     * Imports the snapshot under {@code parent} unless a pico already holds its ECIs (a retried import: that pico is
     * returned and nothing is imported twice), then repairs what 0.48.1 loses (rulesets of children, scheduled
     * events) and leaves the pico marked leaving: it runs on this engine only once {@link #unmarkLeaving} is called.
     */
    Imported importIdempotent(Pico parent, Snapshot snapshot);

    /**
     * Every ECI the snapshot's picos hold, its root's admin ECI first: what an import makes this engine hold, and so
     * how an import that failed or was cut short is found again. Refused when the snapshot is not one.
     */
    java.util.List<String> snapshotEcis(Snapshot snapshot);

    /** Those of {@code ecis} that a pico on this engine holds now. */
    java.util.List<String> held(java.util.List<String> ecis);

    /** Whether the pico answers on the snapshot's ECIs with the snapshot's state, children and scheduled events. */
    CheckResult check(Pico pico, Snapshot expected);

    /**
     * Every ECI of the pico and its descendants: the channels by which callers reach the tree, which a front door
     * holds or forwards while the pico moves. Reads no state.
     */
    java.util.List<String> treeEcis(Pico pico);

    /** Removes the pico, its children and their scheduled events from the engine. Nothing happens when it is gone. */
    void delete(Pico pico);
}
