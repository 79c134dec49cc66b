package org.picomesh.agent.snapshot;

import java.lang.reflect.Field;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals and opens the chunks of one HPKE context (RFC 9180 section 5.2: the context's AEAD key, its base nonce
 * XOR the sequence number, which moves on each success), with the JDK's AES-GCM ({@link JdkChunkCipher}). BouncyCastle
 * sets the context up (KEM, key schedule) and could seal the chunks itself, but its AES-GCM is plain Java, about
 * 30 MB/s here, where the JDK's uses the CPU's AES and carry-less multiply. The bytes are the same either way.
 *
 * <p>The key and base nonce are BouncyCastle's private fields (its API does not give them out): they are read once by
 * reflection, and a self-check at class load seals and opens a probe both ways. When the fields are gone or the probe
 * differs (another BouncyCastle), every context falls back to BouncyCastle's own AEAD, slower but the same format.
 */
abstract sealed class ChunkCipher permits JdkChunkCipher, ChunkCipher.Bouncy {
    private static final Logger log = LoggerFactory.getLogger(ChunkCipher.class);
    private static final Field AEAD = field(HPKEContext.class, "aead");
    private static final Field KEY = AEAD == null ? null : field(AEAD.getType(), "key");
    private static final Field NONCE = AEAD == null ? null : field(AEAD.getType(), "baseNonce");
    private static final Field SEQ = AEAD == null ? null : field(AEAD.getType(), "seq");
    static final boolean FAST = selfCheck();

    /** The cipher for a context that has sealed or opened nothing yet. */
    static ChunkCipher of(HPKEContext context) {
        if (FAST) {
            ChunkCipher jdk = jdk(context);
            if (jdk != null) {
                return jdk;
            }
        }
        return new Bouncy(context);
    }

    /** Seals a chunk into {@code out} (room for its length and the tag): ciphertext then tag; returns their length. */
    abstract int seal(byte[] aad, byte[] plain, int from, int length, byte[] out) throws InvalidCipherTextException;

    /**
     * Opens {@code sealed[0, length)} into {@code out}; returns the plaintext's length. An
     * {@link InvalidCipherTextException} when its tag does not check, and then nothing in {@code out} is plaintext.
     */
    abstract int open(byte[] aad, byte[] sealed, int length, byte[] out) throws InvalidCipherTextException;

    /** The sealed chunk, in an array of its own. */
    final byte[] seal(byte[] aad, byte[] plain, int from, int length) throws InvalidCipherTextException {
        byte[] out = new byte[length + SealedFormat.TAG_LENGTH];
        return Arrays.copyOf(out, seal(aad, plain, from, length, out));
    }

    /** The plaintext of a sealed chunk, in an array of its own. */
    final byte[] open(byte[] aad, byte[] sealed) throws InvalidCipherTextException {
        byte[] out = new byte[Math.max(0, sealed.length - SealedFormat.TAG_LENGTH)];
        return Arrays.copyOf(out, open(aad, sealed, sealed.length, out));
    }

    /** BouncyCastle's own AEAD of the context. */
    static final class Bouncy extends ChunkCipher {
        private final HPKEContext context;

        Bouncy(HPKEContext context) {
            this.context = context;
        }

        @Override
        int seal(byte[] aad, byte[] plain, int from, int length, byte[] out) throws InvalidCipherTextException {
            byte[] sealed = context.seal(aad, plain, from, length);
            System.arraycopy(sealed, 0, out, 0, sealed.length);
            return sealed.length;
        }

        @Override
        int open(byte[] aad, byte[] sealed, int length, byte[] out) throws InvalidCipherTextException {
            byte[] plain = context.open(aad, sealed, 0, length);
            System.arraycopy(plain, 0, out, 0, plain.length);
            return plain.length;
        }
    }

    /** The JDK cipher of the context's key and nonce; null when they cannot be read or it has been used. */
    private static JdkChunkCipher jdk(HPKEContext context) {
        try {
            Object aead = AEAD.get(context);
            byte[] key = ((byte[]) KEY.get(aead)).clone();
            byte[] nonce = ((byte[]) NONCE.get(aead)).clone();
            boolean fresh = SEQ.getLong(aead) == 0;
            return key.length == 32 && nonce.length == 12 && fresh ? new JdkChunkCipher(key, nonce) : null;
        } catch (ReflectiveOperationException | GeneralSecurityException | ClassCastException e) {
            return null;
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

    /**
     * With one throwaway context pair: the JDK seals two chunks of a probe into BouncyCastle's bytes, opens
     * BouncyCastle's and refuses an altered one; else no JDK path.
     */
    private static boolean selfCheck() {
        if (KEY == null || NONCE == null || SEQ == null) {
            log.warn("BouncyCastle's HPKE context has no readable AEAD key: snapshots are sealed at its own speed");
            return false;
        }
        try {
            var hpke = SealedFormat.hpke();
            var recipient = hpke.generatePrivateKey();
            byte[] info = "picomesh chunk cipher self-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            HPKEContextWithEncapsulation bouncy = hpke.setupBaseS((X25519PublicKeyParameters) recipient.getPublic(),
                    info);
            JdkChunkCipher sealer = jdk(hpke.setupBaseR(bouncy.getEncapsulation(), recipient, info));
            JdkChunkCipher opener = jdk(hpke.setupBaseR(bouncy.getEncapsulation(), recipient, info));
            byte[] probe = new byte[100];
            Arrays.fill(probe, (byte) 7);
            boolean equal = sealer != null && opener != null;
            for (int i = 0; i < 2 && equal; i++) {
                byte[] aad = {(byte) i};
                byte[] sealed = bouncy.seal(aad, probe, 0, probe.length);
                equal = Arrays.equals(sealed, sealer.seal(aad, probe, 0, probe.length)) && refuses(opener, aad, sealed)
                        && Arrays.equals(probe, opener.open(aad, sealed));
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

    private static boolean refuses(JdkChunkCipher opener, byte[] aad, byte[] sealed) {
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        try {
            opener.open(aad, altered);
            return false;
        } catch (InvalidCipherTextException e) {
            return true;
        }
    }
}
