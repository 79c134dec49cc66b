package org.picomesh.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The start-up rehearsal goes the whole way (it fails when its probe does not open to what was sealed). */
class SnapshotWarmUpTest {

    @Test
    void sealsServesVerifiesAndOpensAProbeAndLeavesNoFilesBehind() throws IOException, GeneralSecurityException {
        List<Path> before = warmUpDirs();

        SnapshotWarmUp.rehearse(2L * SnapshotWarmUp.PROBE);

        assertThat(warmUpDirs()).as("its throwaway stores are gone").isSubsetOf(before);
    }

    private static List<Path> warmUpDirs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("snapshot-warm-up")).toList();
        }
    }
}
