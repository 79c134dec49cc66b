package org.picomesh.agent.picoengine;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.picomesh.contracts.devnet.PicoEngineProcess;

/**
 * A measurement, not a test: the target's import and check of a moved pico ({@link PicoEngine#importUnheld} then
 * {@link PicoEngine#check(Imported, Snapshot)}, what a move's target step does after its claim) between two real
 * engines, for the migrate bench's picos: 10 KB with one child, 1 MB with two, each sharing the pico's ruleset. Each
 * run imports the same snapshot afresh and deletes the copy after; prints the medians of the runs after two warm-ups.
 */
public final class ImportCheckTimes {
    private ImportCheckTimes() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        PicoEngineProcess engineA = PicoEngineProcess.startQuiet();
        PicoEngineProcess engineB = PicoEngineProcess.startQuiet();
        try {
            TestPicos picosA = new TestPicos(engineA.url());
            PicoEngine a = new PicoEngine048(URI.create(engineA.url()), Duration.ofSeconds(5), Duration.ofMinutes(2));
            PicoEngine b = new PicoEngine048(URI.create(engineB.url()), Duration.ofSeconds(5), Duration.ofMinutes(2));
            measure("10kb", picosA.picoWithVariedState("times-10kb", 10_240, 1), a, b, runs);
            measure("1mb", picosA.picoWithVariedState("times-1mb", 1_048_576, 2), a, b, runs);
        } finally {
            engineA.stop();
            engineB.stop();
        }
    }

    private static void measure(String label, TestPicos.StatefulPico made, PicoEngine a, PicoEngine b, int runs) {
        Pico pico = a.find(made.eci()).orElseThrow();
        a.markLeaving(pico);
        Snapshot snapshot = a.export(pico);
        Pico root = b.root();
        List<Double> importMs = new ArrayList<>();
        List<Double> totalMs = new ArrayList<>();
        List<Double> queryMs = new ArrayList<>();
        for (int i = 0; i < runs + 2; i++) {
            long start = System.nanoTime();
            Imported imported = b.importUnheld(root, snapshot);
            long done = System.nanoTime();
            CheckResult check = b.check(imported, snapshot);
            long checked = System.nanoTime();
            // the check by a query of the outline, as after a restore of scheduled events or a retry
            CheckResult queried = b.check(imported.pico(), snapshot);
            long queriedAt = System.nanoTime();
            if (!check.same() || !queried.same()) {
                throw new IllegalStateException(label + ": the import differs: " + check + ", " + queried);
            }
            b.delete(imported.pico());
            if (i >= 2) {
                importMs.add((done - start) / 1e6);
                totalMs.add((checked - start) / 1e6);
                queryMs.add((queriedAt - checked) / 1e6);
            }
        }
        System.out.printf("import_check %s: snapshot %d B, import %.1f ms, import+check %.1f ms, check by query "
                + "%.1f ms (medians of %d)%n", label, snapshot.size(), median(importMs), median(totalMs),
                median(queryMs), runs);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
