package org.picomesh.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 10 MB export is canonicalised in a heap of 64 MB (measured: it needs 44 MB, the export's own 10 MB included),
 * where the tree-building canonicaliser it replaced runs out of memory (it needs about 100 MB). Each runs in a JVM of
 * its own with that {@code -Xmx}.
 */
class CanonicalJsonHeapTest {
    private static final int TEN_MB = 10 * 1024 * 1024;

    @Test
    void canonicalisesATenMegabyteExportInASixtyFourMegabyteHeap() throws Exception {
        Run run = run("stream");

        assertThat(run.out()).as(run.out()).contains("canonical " + (TEN_MB - 14)).doesNotContain("OutOfMemoryError");
    }

    @Test
    void theTreeBuildingCanonicaliserItReplacedDoesNotFitThere() throws Exception {
        Run run = run("tree");

        assertThat(run.out()).contains("OutOfMemoryError");
    }

    private record Run(int exit, String out) {}

    private static Run run(String mode) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CanonicalHeap.class.getName(), mode, String.valueOf(TEN_MB))).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
