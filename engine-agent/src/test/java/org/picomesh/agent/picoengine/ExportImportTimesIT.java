package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bare export and import ({@link BareMove}) of picos with 10 KB, 1 MB and 10 MB of varied state, the 1 MB one with
 * children, between two real engines: the baseline the migration bench compares a whole move to. Times are printed,
 * never asserted; what is asserted is that the state arrived whole.
 */
class ExportImportTimesIT extends OnTwoEngines {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10kb, 10240, 0", "1mb, 1048576, 2", "10mb, 10485760, 0"})
    void movesThePicosStateWhole(String label, int bytes, int children) {
        TestPicos.StatefulPico pico = picosA.picoWithVariedState("state-" + label, bytes, children);

        BareMove.Timing timing = BareMove.measure(a, b, pico.eci());

        System.out.printf("export_import %s: state %d B, snapshot %d B, export %.3f s, import %.3f s, "
                + "export+import %.3f s, check %.3f s%n", label, bytes, timing.snapshotBytes(), timing.exportS(),
                timing.importS(), timing.seconds(), timing.checkS());
        assertThat(timing.check()).isEqualTo(new CheckResult.Same());
        b.unmarkLeaving(timing.imported());
        assertThat(picosB.stateSize(pico)).isEqualTo(bytes);
    }
}
