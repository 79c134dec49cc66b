package org.picomesh.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our CIDs are the ones IPFS computes for the same bytes: checked against Debian's ipfs-cid, not against ourselves. */
class ContentAddressTest {
    private static final int CHUNK = UnixFsDagBuilder.CHUNK_SIZE;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 100, CHUNK - 1, CHUNK, CHUNK + 1, 1_000_000, 10_000_000,
            UnixFsDagBuilder.MAX_LINKS * CHUNK, UnixFsDagBuilder.MAX_LINKS * CHUNK + 1})
    void givesTheCidThatIpfsGivesTheSameBytes(int size) throws Exception {
        Path file = randomFile(size, size);
        IpfsCidTool.Cids expected = IpfsCidTool.of(file);

        UnixFsDag dag = UnixFsDag.of(file);

        assertThat(dag.root().toString()).isEqualTo(expected.v1());
        assertThat(dag.root().toV0()).isEqualTo(expected.v0());
        assertThat(Cid.parse(expected.v0())).isEqualTo(dag.root());
        assertThat(Cid.parse(expected.v1())).isEqualTo(dag.root());
        assertThat(dag.fileSize()).isEqualTo(size);
    }

    private Path randomFile(int size, long seed) throws IOException {
        Path file = dir.resolve("data-" + size);
        Random random = new Random(seed);
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, Math.min(left, buffer.length));
            }
        }
        return file;
    }
}
