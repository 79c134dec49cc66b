package org.picomesh.agent.picoengine;

/**
 * A bare move between two real pico engines, as the engines alone can do it: mark the pico leaving on the source,
 * export it, import it on the target's root, with no agent, chain, sealing or transfer. The baseline of the migration
 * bench and what {@code ExportImportTimesIT} checks; the check afterwards is timed apart, it is not in the baseline.
 */
public final class BareMove {
    private BareMove() {}

    /**
     * @param exportS seconds to export
     * @param importS seconds to import (idempotently, as the protocol does)
     * @param checkS seconds to check the imported pico against the snapshot (not part of the baseline)
     * @param snapshotBytes the export's size
     * @param imported the pico on the target, left marked leaving
     * @param check what the check found
     */
    public record Timing(double exportS, double importS, double checkS, int snapshotBytes, Pico imported,
            CheckResult check) {
        /** The baseline: export plus import. */
        public double seconds() {
            return exportS + importS;
        }
    }

    /** Moves the pico holding {@code eci} from {@code from} to {@code to}'s root; the source is left marked leaving. */
    public static Timing measure(PicoEngine from, PicoEngine048 to, String eci) {
        Pico pico = from.find(eci).orElseThrow(() -> new IllegalStateException("no pico holds " + eci));
        from.markLeaving(pico);
        Pico root = to.root();
        long start = System.nanoTime();
        Snapshot snapshot = from.export(pico);
        long exported = System.nanoTime();
        // without the check's reading of the tree in the import's episode: the baseline is the engines' import
        Imported imported = to.importBare(root, snapshot);
        long done = System.nanoTime();
        CheckResult check = to.check(imported.pico(), snapshot);
        long checked = System.nanoTime();
        int size = snapshot.size();
        snapshot.erase();
        return new Timing((exported - start) / 1e9, (done - exported) / 1e9, (checked - done) / 1e9, size,
                imported.pico(), check);
    }

    /** Undoes {@link #measure}: the copy on the target is deleted, the pico runs on the source again. */
    public static void undo(PicoEngine from, PicoEngine to, String eci, Timing timing) {
        to.delete(timing.imported());
        from.unmarkLeaving(from.find(eci).orElseThrow(() -> new IllegalStateException("no pico holds " + eci)));
    }
}
