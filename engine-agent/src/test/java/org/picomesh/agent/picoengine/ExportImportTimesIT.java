package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.picomesh.contracts.devnet.PicoEngineProcess;

/**
 * Bare export and import of picos with 10 KB, 1 MB and 10 MB of state between two real engines: the baseline the
 * migration bench compares a whole move to. Times are printed, never asserted; what is asserted is that the state
 * arrived whole.
 */
class ExportImportTimesIT {
    private static PicoEngineProcess engineA;
    private static PicoEngineProcess engineB;

    @BeforeAll
    static void startEngines() throws Exception {
        engineA = PicoEngineProcess.startQuiet();
        engineB = PicoEngineProcess.startQuiet();
    }

    @AfterAll
    static void stopEngines() throws Exception {
        if (engineA != null) {
            engineA.stop();
        }
        if (engineB != null) {
            engineB.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10kb, 10240", "1mb, 1048576", "10mb, 10485760"})
    void movesThePicosStateWhole(String label, int bytes) {
        TestPicos picosA = new TestPicos(engineA.url());
        PicoEngine a = new PicoEngine048(URI.create(engineA.url()), Duration.ofSeconds(5), Duration.ofMinutes(2));
        PicoEngine b = new PicoEngine048(URI.create(engineB.url()), Duration.ofSeconds(5), Duration.ofMinutes(2));
        String eci = picosA.picoWithState("state-" + label, bytes);
        Pico pico = a.find(eci).orElseThrow();
        a.markLeaving(pico);
        Pico root = b.root();

        long start = System.nanoTime();
        Snapshot snapshot = a.export(pico);
        long exported = System.nanoTime();
        Imported imported = b.importIdempotent(root, snapshot);
        long done = System.nanoTime();
        CheckResult check = b.check(imported.pico(), snapshot);
        long checked = System.nanoTime();

        System.out.printf("export_import %s: state %d B, snapshot %d B, export %.3f s, import %.3f s, "
                + "export+import %.3f s, check %.3f s%n", label, bytes, snapshot.size(), (exported - start) / 1e9,
                (done - exported) / 1e9, (done - start) / 1e9, (checked - done) / 1e9);
        assertThat(check).isEqualTo(new CheckResult.Same());
        b.unmarkLeaving(imported.pico());
        assertThat(new TestPicos(engineB.url()).blobSize(eci)).isEqualTo(bytes);
    }
}
