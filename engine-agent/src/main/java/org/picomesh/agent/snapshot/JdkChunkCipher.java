package org.picomesh.agent.snapshot;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * AES-256-GCM of one HPKE context from the JDK, nonces counted as BouncyCastle's AEAD counts them (base nonce XOR
 * the sequence number, which moves on each success).
 *
 * <p>Opening does not use the JDK's GCM decryption: on Java 17 it takes a chunk in a few large calls, which HotSpot
 * compiles to the CPU's instructions only after some 15-20 MB opened (measured in a fresh JVM: 15-30 ms a MB until
 * then), and a target agent opens before it ever seals. A GCM ciphertext is the plaintext XOR AES-CTR from the nonce's
 * counter block 2, and its tag is what sealing that plaintext again under the same key and nonce gives: so a chunk is
 * opened as AES-CTR, then sealed again here (the ciphertext thrown away) and its tag compared in constant time; both
 * run in small pieces, compiled soon, and the second shares its code with sealing. The plaintext is handed out only
 * when the tags match; otherwise it is zeroed. About 0.6 ms a MB once compiled.
 */
final class JdkChunkCipher extends ChunkCipher {
    /**
     * Each chunk is handed to the JDK in pieces of this size: HotSpot runs its AES-GCM on the CPU's AES and carry-less
     * multiply only once the methods that call them are compiled, which takes some thousand calls. One call per 64 KiB
     * chunk never gets there; one per 1 KiB within the first 10 MB (or the start-up warm-up, {@link SnapshotWarmUp}).
     */
    private static final int PIECE = 1024;
    private static final int TAG = SealedFormat.TAG_LENGTH;
    /** GCM counts the low 32 bits of the counter block, AES-CTR all 128: the same while a chunk stays under 64 GiB. */
    private static final int LARGEST = SealedFormat.MAX_CHUNK_SIZE + TAG;

    private final SecretKeySpec key;
    private final byte[] baseNonce;
    private final byte[] scratch = new byte[PIECE + 2 * TAG];
    private Cipher gcm;
    private final Cipher ctr;
    private long seq;

    JdkChunkCipher(byte[] key, byte[] baseNonce) throws GeneralSecurityException {
        this.key = new SecretKeySpec(key, "AES");
        this.baseNonce = baseNonce;
        this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
        this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
    }

    @Override
    int seal(byte[] aad, byte[] plain, int from, int length, byte[] out) {
        try {
            init(nonce(), false);
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
        int plainLength = length - TAG;
        if (plainLength < 0 || length > LARGEST) {
            throw new InvalidCipherTextException("a sealed chunk of " + length + " bytes");
        }
        try {
            byte[] nonce = nonce();
            ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(counterBlock(nonce)));
            for (int at = 0; at < plainLength; at += PIECE) {
                ctr.update(sealed, at, Math.min(PIECE, plainLength - at), out, at);
            }
            if (!MessageDigest.isEqual(tag(aad, out, plainLength, nonce), Arrays.copyOfRange(sealed, plainLength,
                    length))) {
                Arrays.fill(out, 0, plainLength, (byte) 0);
                throw new InvalidCipherTextException("mac check in GCM failed");
            }
            seq++;
            return plainLength;
        } catch (GeneralSecurityException e) {
            Arrays.fill(out, 0, plainLength, (byte) 0);
            throw new InvalidCipherTextException("AES-GCM refused to open: " + e.getMessage(), e);
        }
    }

    /** The tag of sealing {@code plain} with this nonce: its ciphertext goes through {@link #scratch}, unused. */
    private byte[] tag(byte[] aad, byte[] plain, int length, byte[] nonce) throws GeneralSecurityException {
        init(nonce, true);
        gcm.updateAAD(aad);
        for (int done = 0; done < length; done += PIECE) {
            gcm.update(plain, done, Math.min(PIECE, length - done), scratch, 0);
        }
        int n = gcm.doFinal(scratch, 0);
        return Arrays.copyOfRange(scratch, n - TAG, n);
    }

    private void init(byte[] nonce, boolean recomputing) throws GeneralSecurityException {
        GCMParameterSpec spec = new GCMParameterSpec(TAG * 8, nonce);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, spec);
        } catch (InvalidAlgorithmParameterException e) {
            if (!recomputing) {
                throw e; // sealing twice under one nonce would be a bug: the JDK's refusal stands
            }
            // Opening a chunk again (to tell why it failed) repeats its nonce, whose ciphertext is never given out:
            // a fresh instance has no memory of the last one.
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key, spec);
        }
    }

    private byte[] nonce() {
        byte[] nonce = baseNonce.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return nonce;
    }

    /** GCM's first counter block for the plaintext (J0 + 1): the 96-bit nonce, then 2 as 32 bits. */
    private static byte[] counterBlock(byte[] nonce) {
        byte[] block = Arrays.copyOf(nonce, 16);
        block[15] = 2;
        return block;
    }
}
