package org.picomesh.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.agent.snapshot.SnapshotOpenException.Reason;

/** A snapshot sealed to the target opens only there, for that move, whole and unaltered. */
class SealingTest {
    private static final int CHUNK = 1024;
    private static final int SEALED_CHUNK = CHUNK + SealedFormat.TAG_LENGTH;
    private static final SnapshotContext MOVE = new SnapshotContext(31337, BigInteger.valueOf(7), BigInteger.TWO);

    private final KeyPair target = x25519();

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5})
    void opensWhatWasSealedToItsKey(int size) throws IOException {
        byte[] plain = random(size);

        assertThat(open(seal(plain, target, MOVE), target, MOVE)).isEqualTo(plain);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5})
    void readsTheWholeSnapshotIntoOneArrayOfItsSize(int size) throws IOException {
        byte[] plain = random(size);
        byte[] sealed = seal(plain, target, MOVE);

        assertThat(SnapshotOpener.opening(new ByteArrayInputStream(sealed), target, MOVE).readAll(sealed.length))
                .isEqualTo(plain);
    }

    @Test
    void opensWithTheKeyPairTheAgentKeepsInItsEncryptionKeyFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("agent.x25519.json");
        EncryptionKeyFile.create(file, "secret", true);
        KeyPair agent = EncryptionKeyFile.load(file, "secret");
        byte[] plain = random(10_000);

        byte[] sealed = sealWith(plain, EncryptionKeyFile.raw(agent.getPublic()), MOVE, SealedFormat.DEFAULT_CHUNK_SIZE);

        assertThat(open(sealed, agent, MOVE)).isEqualTo(plain);
    }

    @Test
    void doesNotOpenWithAnotherKey() {
        byte[] sealed = seal(random(3 * CHUNK), target, MOVE);

        assertFails(() -> open(sealed, x25519(), MOVE), Reason.WRONG_KEY_OR_CONTEXT, 0);
    }

    @Test
    void doesNotOpenForAnotherMove() {
        byte[] sealed = seal(random(3 * CHUNK), target, MOVE);
        SnapshotContext otherLease = new SnapshotContext(31337, BigInteger.valueOf(8), BigInteger.TWO);
        SnapshotContext otherChain = new SnapshotContext(1, BigInteger.valueOf(7), BigInteger.TWO);

        assertFails(() -> open(sealed, target, otherLease), Reason.WRONG_KEY_OR_CONTEXT, 0);
        assertFails(() -> open(sealed, target, otherChain), Reason.WRONG_KEY_OR_CONTEXT, 0);
    }

    @Test
    void detectsAnAlteredHeader() {
        byte[] sealed = seal(random(3 * CHUNK), target, MOVE);

        assertFails(() -> open(flip(sealed, 0), target, MOVE), Reason.MALFORMED_HEADER, -1);
        assertFails(() -> open(flip(sealed, 4), target, MOVE), Reason.UNSUPPORTED_FORMAT, -1);
        // The chunk size and the encapsulated key are bound by every chunk's associated data and by HPKE itself.
        assertFails(() -> open(flip(sealed, 13), target, MOVE), Reason.WRONG_KEY_OR_CONTEXT, 0);
        assertFails(() -> open(flip(sealed, SealedFormat.HEADER_LENGTH - 1), target, MOVE),
                Reason.WRONG_KEY_OR_CONTEXT, 0);
    }

    @Test
    void detectsAnAlteredChunkAndHandsOutNothingOfIt() throws IOException {
        byte[] plain = random(3 * CHUNK + 5);
        byte[] sealed = flip(seal(plain, target, MOVE), SealedFormat.HEADER_LENGTH + 2 * SEALED_CHUNK + 100);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        assertFails(() -> SnapshotOpener.opening(new ByteArrayInputStream(sealed), target, MOVE).transferTo(received),
                Reason.ALTERED_CHUNK, 2);
        assertThat(received.toByteArray()).isEqualTo(Arrays.copyOf(plain, 2 * CHUNK));
    }

    @Test
    void detectsReorderedChunks() {
        byte[] sealed = seal(random(3 * CHUNK + 5), target, MOVE);
        int first = SealedFormat.HEADER_LENGTH + SEALED_CHUNK;
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, first, swapped, first + SEALED_CHUNK, SEALED_CHUNK);
        System.arraycopy(sealed, first + SEALED_CHUNK, swapped, first, SEALED_CHUNK);

        assertFails(() -> open(swapped, target, MOVE), Reason.ALTERED_CHUNK, 1);
    }

    @Test
    void detectsASnapshotCutAtAChunkBoundary() {
        byte[] sealed = seal(random(3 * CHUNK + 5), target, MOVE);

        assertFails(() -> open(Arrays.copyOf(sealed, SealedFormat.HEADER_LENGTH + 2 * SEALED_CHUNK), target, MOVE),
                Reason.TRUNCATED, 1);
        assertFails(() -> open(Arrays.copyOf(sealed, SealedFormat.HEADER_LENGTH), target, MOVE), Reason.TRUNCATED, 0);
    }

    @Test
    void detectsASnapshotCutInsideAChunk() {
        byte[] sealed = seal(random(3 * CHUNK + 5), target, MOVE);

        assertFails(() -> open(Arrays.copyOf(sealed, sealed.length - 1), target, MOVE), Reason.ALTERED_CHUNK, 3);
    }

    @Test
    void detectsBytesAfterTheLastChunk() {
        byte[] sealed = seal(random(3 * CHUNK), target, MOVE);
        byte[] extended = Arrays.copyOf(sealed, sealed.length + 1);

        assertFails(() -> open(extended, target, MOVE), Reason.EXTRA_BYTES, 2);
    }

    @Test
    void aSnapshotClosedWithoutFinishingDoesNotOpen() throws IOException {
        // What a writer that fails half way inside try-with-resources leaves: no last chunk, so no snapshot.
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (SnapshotSealer sealer = SnapshotSealer.sealing(sealed, EncryptionKeyFile.raw(target.getPublic()), MOVE,
                CHUNK)) {
            sealer.write(random(3 * CHUNK + 5));
        }

        assertFails(() -> open(sealed.toByteArray(), target, MOVE), Reason.TRUNCATED, 2);
    }

    @Test
    void refusesAKeyThatIsNotAnX25519PublicKey() {
        assertThatThrownBy(() -> sealWith(new byte[0], new byte[31], MOVE, CHUNK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    private static void assertFails(ThrowingRunnable open, Reason reason, long chunk) {
        assertThatThrownBy(open::run).isInstanceOfSatisfying(SnapshotOpenException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.chunk()).isEqualTo(chunk);
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static byte[] seal(byte[] plain, KeyPair to, SnapshotContext context) {
        return sealWith(plain, EncryptionKeyFile.raw(to.getPublic()), context, CHUNK);
    }

    static byte[] sealWith(byte[] plain, byte[] key, SnapshotContext context, int chunkSize) {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (SnapshotSealer sealer = SnapshotSealer.sealing(sealed, key, context, chunkSize)) {
            sealer.write(plain);
            sealer.finish();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return sealed.toByteArray();
    }

    static byte[] open(byte[] sealed, KeyPair with, SnapshotContext context) throws IOException {
        try (InputStream plain = SnapshotOpener.opening(new ByteArrayInputStream(sealed), with, context)) {
            return plain.readAllBytes();
        }
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] altered = bytes.clone();
        altered[index] ^= 1;
        return altered;
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static KeyPair x25519() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
