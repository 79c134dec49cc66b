package org.picomesh.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.picomesh.agent.snapshot.SnapshotFetchException.Reason;

/** A CAR of a stored file carries exactly that file, and the verifier notices any block that is not. */
class CarTest {
    private static final int CHUNK = UnixFsDagBuilder.CHUNK_SIZE;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 100, CHUNK, CHUNK + 1, 1_000_000})
    void carriesTheFileThroughAVerifiedCar(int size) throws IOException {
        byte[] file = SealingTest.random(size);
        Stored stored = store(file);

        byte[] car = car(stored);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(car).hasSize((int) CarWriter.length(stored.dag));
        assertThat(CarVerifier.verify(new ByteArrayInputStream(car), stored.dag.root(), out, Long.MAX_VALUE))
                .isEqualTo(size);
        assertThat(out.toByteArray()).isEqualTo(file);
    }

    @Test
    void writesTheHeaderAsDagCborDoes() {
        Cid root = Cid.parse("bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4y");

        // {"roots": [CID], "version": 1}: go-car writes one-root headers of 0x3a bytes, these.
        assertThat(CarHeader.of(root)).startsWith(0xa2, 0x65, 'r', 'o', 'o', 't', 's', 0x81, 0xd8, 0x2a, 0x58, 0x25, 0x00,
                0x01, 0x70, 0x12, 0x20).endsWith(0x67, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x01).hasSize(58);
        assertThat(CarHeader.root(CarHeader.of(root))).isEqualTo(root);
    }

    @Test
    void detectsATamperedBlock() throws IOException {
        Stored stored = store(SealingTest.random(3 * CHUNK));
        byte[] car = car(stored);
        car[car.length - 1000] ^= 1;

        assertRejected(car, stored.dag.root(), Reason.TAMPERED_BLOCK);
    }

    @Test
    void detectsAMissingBlock() throws IOException {
        Stored stored = store(SealingTest.random(3 * CHUNK));
        byte[] car = car(stored);
        int lastSection = car.length - (int) UnixFsDag.Leaf.class.cast(lastLeaf(stored.dag)).tsize() - 34 - 3;

        assertRejected(Arrays.copyOf(car, lastSection), stored.dag.root(), Reason.MISSING_BLOCK);
        assertRejected(Arrays.copyOf(car, car.length - 1), stored.dag.root(), Reason.MISSING_BLOCK);
    }

    @Test
    void detectsACarOfAnotherRoot() throws IOException {
        Stored stored = store(SealingTest.random(1000));
        Cid other = store(SealingTest.random(1001)).dag.root();

        assertRejected(car(stored), other, Reason.WRONG_ROOT);
    }

    @Test
    void detectsBlocksAfterTheFile() throws IOException {
        Stored stored = store(SealingTest.random(1000));
        byte[] car = car(stored);
        byte[] extended = Arrays.copyOf(car, car.length + 3);

        assertRejected(extended, stored.dag.root(), Reason.UNEXPECTED_BLOCK);
    }

    @Test
    void refusesAFileOverTheLimitBeforeReadingIt() throws IOException {
        Stored stored = store(SealingTest.random(2 * CHUNK));

        assertThatThrownBy(() -> CarVerifier.verify(new ByteArrayInputStream(car(stored)), stored.dag.root(),
                new ByteArrayOutputStream(), CHUNK)).isInstanceOfSatisfying(SnapshotFetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    private record Stored(Path file, UnixFsDag dag) {}

    private Stored store(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "file", "");
        Files.write(file, bytes);
        return new Stored(file, UnixFsDag.of(file));
    }

    private static byte[] car(Stored stored) throws IOException {
        ByteArrayOutputStream car = new ByteArrayOutputStream();
        CarWriter.write(stored.dag, stored.file, car);
        return car.toByteArray();
    }

    private static UnixFsDag.Node lastLeaf(UnixFsDag dag) {
        UnixFsDag.Node[] last = new UnixFsDag.Node[1];
        dag.forEachDepthFirst(node -> last[0] = node);
        return last[0];
    }

    private static void assertRejected(byte[] car, Cid root, Reason reason) {
        assertThatThrownBy(() -> CarVerifier.verify(new ByteArrayInputStream(car), root, new ByteArrayOutputStream(),
                Long.MAX_VALUE)).isInstanceOfSatisfying(SnapshotFetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
