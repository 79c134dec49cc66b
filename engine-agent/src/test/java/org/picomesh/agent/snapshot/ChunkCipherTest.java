package org.picomesh.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.Test;

/**
 * The JDK's AES-GCM seals each chunk into the very bytes BouncyCastle's HPKE context would (the sealed format is
 * unchanged: snapshots sealed by either open with either), and opens nothing altered. Plain JUnit over seeded cases.
 */
class ChunkCipherTest {
    private static final byte[] INFO = "picomesh snapshot v1 test".getBytes(StandardCharsets.US_ASCII);
    private static final int[] SIZES = {0, 1, 15, 16, 17, 1023, 1024, 1025, 4096, 65_536, 65_539};

    private final HPKE hpke = SealedFormat.hpke();

    @Test
    void theJdkPathIsTakenWithThisBouncyCastle() {
        assertThat(ChunkCipher.FAST).as("the self-check passed").isTrue();
        assertThat(ChunkCipher.of(sender(hpke.generatePrivateKey(), hpke.generatePrivateKey())))
                .isInstanceOf(JdkChunkCipher.class);
    }

    @Test
    void sealsEveryChunkAsBouncyCastleDoes() throws InvalidCipherTextException {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            AsymmetricCipherKeyPair recipient = hpke.generatePrivateKey();
            AsymmetricCipherKeyPair ephemeral = hpke.generatePrivateKey();
            HPKEContext bouncy = sender(recipient, ephemeral);
            ChunkCipher jdk = ChunkCipher.of(sender(recipient, ephemeral));
            for (int i = 0; i < 6; i++) {
                byte[] plain = bytes(random, SIZES[random.nextInt(SIZES.length)]);
                byte[] aad = bytes(random, 1 + random.nextInt(80));
                assertThat(jdk.seal(aad, plain, 0, plain.length)).as("seed %d, chunk %d", seed, i)
                        .isEqualTo(bouncy.seal(aad, plain, 0, plain.length));
            }
        }
    }

    @Test
    void opensWhatBouncyCastleSealedAndNothingAltered() throws InvalidCipherTextException {
        for (long seed = 1; seed <= 10; seed++) {
            Random random = new Random(seed);
            AsymmetricCipherKeyPair recipient = hpke.generatePrivateKey();
            HPKEContextWithEncapsulation sender = sender(recipient, hpke.generatePrivateKey());
            HPKEContext receiver = hpke.setupBaseR(sender.getEncapsulation(), recipient, INFO);
            ChunkCipher jdk = ChunkCipher.of(receiver);
            byte[] aad = bytes(random, 30);
            for (int i = 0; i < 4; i++) {
                byte[] plain = bytes(random, SIZES[random.nextInt(SIZES.length)]);
                byte[] sealed = sender.seal(aad, plain, 0, plain.length);
                byte[] altered = sealed.clone();
                altered[random.nextInt(altered.length)] ^= 1 << random.nextInt(8);
                long s = seed;
                int chunk = i;
                byte[] out = new byte[altered.length];
                assertThatThrownBy(() -> jdk.open(aad, altered, altered.length, out)).as("seed %d, chunk %d", s, chunk)
                        .isInstanceOf(InvalidCipherTextException.class);
                assertThat(out).as("no unauthenticated plaintext is left, seed %d", seed).containsOnly(0);
                // a failed open does not move the sequence: the unaltered chunk still opens in its place
                assertThat(jdk.open(aad, sealed)).as("seed %d, chunk %d", seed, i).isEqualTo(plain);
            }
        }
    }

    private HPKEContextWithEncapsulation sender(AsymmetricCipherKeyPair recipient, AsymmetricCipherKeyPair ephemeral) {
        return hpke.setupBaseS(recipient.getPublic(), INFO, ephemeral);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
