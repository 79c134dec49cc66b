package org.picomesh.agent.picoengine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.picomesh.agent.picoengine.SnapshotOutline.PicoOutline;

/**
 * Compares an imported pico (its export on the target) with the snapshot it came from: picos paired by admin ECI,
 * each with the same channels, each channel routed to that very pico, the same installed rulesets, the same entvars
 * (by digest), the same children; and the same scheduled events. The first difference is named, never its values.
 */
final class SnapshotCheck {
    private SnapshotCheck() {
    }

    /**
     * The snapshot's outline against the one the target's engine computed of the imported tree. The scheduled events
     * due by {@code now} are left out of both: they are scheduled again once the pico runs (ScheduleCatchUp).
     */
    static CheckResult ofImport(SnapshotOutline snapshot, EngineOutline found, java.time.Instant now) {
        return compare(snapshot.withSchedules(ScheduledEvents.notDue(snapshot.schedules(), now)),
                found.outline().withSchedules(ScheduledEvents.notDue(found.outline().schedules(), now)),
                found.holders());
    }

    /** {@code holders}: each expected ECI to the id of the pico holding it on the target ("" for none). */
    static CheckResult compare(SnapshotOutline expected, SnapshotOutline actual, Map<String, String> holders) {
        CheckResult picos = compare(expected, expected.root(), actual, actual.root(), holders);
        if (!picos.same()) {
            return picos;
        }
        Map<String, Integer> schedules = new HashMap<>();
        expected.schedules().forEach(s -> schedules.merge(Importer.digest(s), 1, Integer::sum));
        actual.schedules().forEach(s -> schedules.merge(Importer.digest(s), -1, Integer::sum));
        if (schedules.values().stream().anyMatch(n -> n != 0)) {
            return new CheckResult.Differs("scheduled events (" + expected.schedules().size() + " expected, "
                    + actual.schedules().size() + " found)");
        }
        return new CheckResult.Same();
    }

    private static CheckResult compare(SnapshotOutline expectedDoc, PicoOutline expected, SnapshotOutline actualDoc,
            PicoOutline actual, Map<String, String> holders) {
        String pico = "pico " + expected.adminEci() + ": ";
        if (!expected.adminEci().equals(actual.adminEci())) {
            return new CheckResult.Differs(pico + "admin channel");
        }
        if (!expected.ecis().equals(actual.ecis())) {
            return new CheckResult.Differs(pico + "channels");
        }
        for (String eci : expected.ecis()) {
            if (!actual.id().equals(holders.get(eci))) {
                return new CheckResult.Differs(pico + "channel " + eci + " routes to "
                        + (Objects.toString(holders.get(eci), "").isEmpty() ? "no pico" : "another pico"));
            }
        }
        if (!new TreeSet<>(expectedDoc.expectedRulesets(expected)).equals(new TreeSet<>(
                actualDoc.expectedRulesets(actual)))) {
            return new CheckResult.Differs(pico + "installed rulesets");
        }
        TreeSet<String> names = new TreeSet<>(expected.entvars().keySet());
        names.addAll(actual.entvars().keySet());
        for (String name : names) {
            if (!Objects.equals(expected.entvars().get(name), actual.entvars().get(name))) {
                return new CheckResult.Differs(pico + "entvar " + name);
            }
        }
        Map<String, PicoOutline> children = new HashMap<>();
        actual.children().forEach(c -> children.put(c.adminEci(), c));
        if (children.size() != expected.children().size()) {
            return new CheckResult.Differs(pico + "children (" + expected.children().size() + " expected, "
                    + children.size() + " found)");
        }
        for (PicoOutline child : expected.children()) {
            PicoOutline found = children.get(child.adminEci());
            if (found == null) {
                return new CheckResult.Differs(pico + "child " + child.adminEci() + " missing");
            }
            CheckResult result = compare(expectedDoc, child, actualDoc, found, holders);
            if (!result.same()) {
                return result;
            }
        }
        return new CheckResult.Same();
    }
}
