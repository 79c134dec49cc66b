package org.picomesh.agent.picoengine;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Snapshots' outlines, each read once for the claim, the import and the check that follow one another (reading one of
 * 10 MB costs seconds). Kept by the snapshot's identity, weakly: an outline holds ECIs and digests, no keys and no
 * state.
 */
final class SnapshotOutlines {
    /** What an engine-made ECI looks like; anything else is held by no pico. */
    static final String ECI = "[A-Za-z0-9]{1,64}";

    private final URI engine;
    private final Map<Snapshot, SnapshotOutline> outlines = new WeakHashMap<>();

    SnapshotOutlines(URI engine) {
        this.engine = engine;
    }

    /** The snapshot's outline; an {@link IllegalArgumentException} when it is no snapshot. */
    SnapshotOutline of(Snapshot snapshot) {
        synchronized (outlines) {
            SnapshotOutline known = outlines.get(snapshot);
            if (known == null) {
                known = SnapshotOutline.read(snapshot);
                outlines.put(snapshot, known);
            }
            return known;
        }
    }

    /** The ids of the rulesets whose source the snapshot carries (see {@link PicoEngine#foreignRulesets}). */
    List<String> carriedRulesets(Snapshot snapshot) {
        try {
            return of(snapshot).carriedRulesets();
        } catch (IllegalArgumentException e) {
            throw new PicoEngineException.ImportRefused(engine, e.getMessage());
        }
    }

    /** See {@link PicoEngine#snapshotEcis}. */
    List<String> ecis(Snapshot snapshot) {
        SnapshotOutline outline;
        try {
            outline = of(snapshot);
        } catch (IllegalArgumentException e) {
            throw new PicoEngineException.ImportRefused(engine, e.getMessage());
        }
        LinkedHashSet<String> ecis = new LinkedHashSet<>();
        ecis.add(outline.root().adminEci());
        outline.root().tree().forEach(p -> {
            ecis.add(p.adminEci());
            ecis.addAll(p.ecis());
        });
        if (!ecis.stream().allMatch(e -> e != null && e.matches(ECI))) {
            throw new PicoEngineException.ImportRefused(engine, "the snapshot names an ECI that no engine makes");
        }
        return List.copyOf(ecis);
    }
}
