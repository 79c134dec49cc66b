package org.picomesh.agent.snapshot;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * AES-256-GCM of one HPKE context from the JDK, nonces counted as BouncyCastle's AEAD counts them (base nonce XOR
 * the sequence number, which moves on each success). Opening is the JDK's own GCM decryption, which gives out no
 * plaintext before the tag is checked. On Java 17 it runs at 15-30 ms a MB until HotSpot has compiled it (some 15-20
 * MB opened in a fresh JVM): {@link SnapshotWarmUp} takes that cost at start-up, before the first move does.
 */
final class JdkChunkCipher extends ChunkCipher {
    /**
     * Each chunk is handed to the JDK in pieces of this size: HotSpot runs its AES-GCM on the CPU's AES and carry-less
     * multiply only once the methods that call them are compiled, which takes some thousand calls. One call per 64 KiB
     * chunk never gets there; one per 1 KiB within the first 10 MB (or the start-up warm-up, {@link SnapshotWarmUp}).
     */
    private static final int PIECE = 1024;
    private static final int TAG = SealedFormat.TAG_LENGTH;
    private static final int LARGEST = SealedFormat.MAX_CHUNK_SIZE + TAG;

    private final SecretKeySpec key;
    private final byte[] baseNonce;
    private final Cipher gcm;
    private long seq;

    JdkChunkCipher(byte[] key, byte[] baseNonce) throws GeneralSecurityException {
        this.key = new SecretKeySpec(key, "AES");
        this.baseNonce = baseNonce;
        this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
    }

    @Override
    int seal(byte[] aad, byte[] plain, int from, int length, byte[] out) {
        try {
            init(nonce());
            gcm.updateAAD(aad);
            int n = 0;
            for (int done = 0; done < length; done += PIECE) {
                n += gcm.update(plain, from + done, Math.min(PIECE, length - done), out, n);
            }
            n += gcm.doFinal(out, n);
            seq++;
            return n;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to seal", e);
        }
    }

    @Override
    int open(byte[] aad, byte[] sealed, int length, byte[] out) throws InvalidCipherTextException {
        if (length < TAG || length > LARGEST) {
            throw new InvalidCipherTextException("a sealed chunk of " + length + " bytes");
        }
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce()));
            gcm.updateAAD(aad);
            int n = gcm.doFinal(sealed, 0, length, out, 0);
            seq++;
            return n;
        } catch (AEADBadTagException e) {
            throw new InvalidCipherTextException("mac check in GCM failed");
        } catch (GeneralSecurityException e) {
            throw new InvalidCipherTextException("AES-GCM refused to open: " + e.getMessage(), e);
        }
    }

    /** Sealing twice under one nonce would be a bug: the JDK refuses it, and that refusal stands. */
    private void init(byte[] nonce) throws GeneralSecurityException {
        gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce));
    }

    private byte[] nonce() {
        byte[] nonce = baseNonce.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return nonce;
    }
}
