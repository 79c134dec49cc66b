package org.picomesh.agent.snapshot;

import java.lang.reflect.Field;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals and opens the chunks of one HPKE context (RFC 9180 section 5.2: the context's AEAD key, its base nonce
 * XOR the sequence number, which moves on each success), with the JDK's AES-GCM. BouncyCastle sets the context up
 * (KEM, key schedule) and could seal the chunks itself, but its AES-GCM is plain Java, about 30 MB/s here, where the
 * JDK's uses the CPU's AES and carry-less multiply: a 10 MB snapshot in tens of milliseconds instead of a third of a
 * second on each side. The bytes are the same either way.
 *
 * <p>The key and base nonce are BouncyCastle's private fields (its API does not give them out): they are read once by
 * reflection, and a self-check at class load seals one probe both ways. When the fields are gone or the probe differs
 * (another BouncyCastle), every context falls back to BouncyCastle's own AEAD, slower but the same format.
 */
abstract sealed class ChunkCipher permits ChunkCipher.Jdk, ChunkCipher.Bouncy {
    private static final Logger log = LoggerFactory.getLogger(ChunkCipher.class);
    private static final Field AEAD = field(HPKEContext.class, "aead");
    private static final Field KEY = AEAD == null ? null : field(AEAD.getType(), "key");
    private static final Field NONCE = AEAD == null ? null : field(AEAD.getType(), "baseNonce");
    private static final Field SEQ = AEAD == null ? null : field(AEAD.getType(), "seq");
    static final boolean FAST = selfCheck();

    /** The cipher for a context that has sealed or opened nothing yet. */
    static ChunkCipher of(HPKEContext context) {
        if (FAST) {
            Jdk jdk = Jdk.from(context);
            if (jdk != null) {
                return jdk;
            }
        }
        return new Bouncy(context);
    }

    /** The sealed chunk: ciphertext then tag. */
    abstract byte[] seal(byte[] aad, byte[] plain, int from, int length) throws InvalidCipherTextException;

    /** The plaintext of a sealed chunk; an {@link InvalidCipherTextException} when its tag does not check. */
    abstract byte[] open(byte[] aad, byte[] sealed) throws InvalidCipherTextException;

    /** AES-256-GCM from the JDK, nonces counted here as BouncyCastle's AEAD counts them. */
    static final class Jdk extends ChunkCipher {
        /**
         * A chunk is encrypted in pieces of this size: HotSpot runs the JDK's AES-GCM on the CPU's instructions only
         * once the methods that call them are compiled, which takes some thousand calls. One call per 64 KiB chunk
         * gets there after about 100 MB; one per 1 KiB within the first 10 MB snapshot (measured: 170 ms of CPU for
         * the first 10 MB, then 10 ms, where BouncyCastle stays near 150 ms).
         */
        private static final int PIECE = 1024;
        private final SecretKeySpec key;
        private final byte[] baseNonce;
        private final Cipher cipher;
        private long seq;

        private Jdk(byte[] key, byte[] baseNonce) throws GeneralSecurityException {
            this.key = new SecretKeySpec(key, "AES");
            this.baseNonce = baseNonce;
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        }

        static Jdk from(HPKEContext context) {
            try {
                Object aead = AEAD.get(context);
                byte[] key = ((byte[]) KEY.get(aead)).clone();
                byte[] nonce = ((byte[]) NONCE.get(aead)).clone();
                boolean fresh = SEQ.getLong(aead) == 0;
                return key.length == 32 && nonce.length == 12 && fresh ? new Jdk(key, nonce) : null;
            } catch (ReflectiveOperationException | GeneralSecurityException | ClassCastException e) {
                return null;
            }
        }

        @Override
        byte[] seal(byte[] aad, byte[] plain, int from, int length) {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, nonce());
                cipher.updateAAD(aad);
                byte[] sealed = new byte[length + SealedFormat.TAG_LENGTH];
                int n = 0;
                for (int at = 0; at < length; at += PIECE) {
                    n += cipher.update(plain, from + at, Math.min(PIECE, length - at), sealed, n);
                }
                cipher.doFinal(sealed, n);
                seq++;
                return sealed;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM refused to seal", e);
            }
        }

        @Override
        byte[] open(byte[] aad, byte[] sealed) throws InvalidCipherTextException {
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, nonce());
                cipher.updateAAD(aad);
                byte[] plain = cipher.doFinal(sealed);
                seq++;
                return plain;
            } catch (AEADBadTagException e) {
                throw new InvalidCipherTextException("mac check in GCM failed");
            } catch (GeneralSecurityException e) {
                throw new InvalidCipherTextException("AES-GCM refused to open: " + e.getMessage(), e);
            }
        }

        private GCMParameterSpec nonce() {
            byte[] nonce = baseNonce.clone();
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
            }
            return new GCMParameterSpec(SealedFormat.TAG_LENGTH * 8, nonce);
        }
    }

    /** BouncyCastle's own AEAD of the context. */
    static final class Bouncy extends ChunkCipher {
        private final HPKEContext context;

        Bouncy(HPKEContext context) {
            this.context = context;
        }

        @Override
        byte[] seal(byte[] aad, byte[] plain, int from, int length) throws InvalidCipherTextException {
            return context.seal(aad, plain, from, length);
        }

        @Override
        byte[] open(byte[] aad, byte[] sealed) throws InvalidCipherTextException {
            return context.open(aad, sealed);
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Seals two chunks of a probe with both ciphers of one throwaway context pair: the same bytes, or no JDK path. */
    private static boolean selfCheck() {
        if (KEY == null || NONCE == null || SEQ == null) {
            log.warn("BouncyCastle's HPKE context has no readable AEAD key: snapshots are sealed at its own speed");
            return false;
        }
        try {
            var hpke = SealedFormat.hpke();
            var recipient = hpke.generatePrivateKey();
            byte[] info = "picomesh chunk cipher self-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            var bouncy = hpke.setupBaseS((X25519PublicKeyParameters) recipient.getPublic(), info);
            var same = hpke.setupBaseR(bouncy.getEncapsulation(), recipient, info);
            Jdk jdk = Jdk.from(same);
            byte[] probe = new byte[100];
            Arrays.fill(probe, (byte) 7);
            boolean equal = jdk != null;
            for (int i = 0; i < 2 && equal; i++) {
                byte[] aad = {(byte) i};
                equal = Arrays.equals(bouncy.seal(aad, probe, 0, probe.length), jdk.seal(aad, probe, 0, probe.length));
            }
            if (!equal) {
                log.warn("BouncyCastle's HPKE context seals otherwise than its key says: sealing at its own speed");
            }
            return equal;
        } catch (InvalidCipherTextException | RuntimeException e) {
            log.warn("the HPKE chunk cipher self-check failed ({}): sealing at BouncyCastle's speed", e.toString());
            return false;
        }
    }
}
