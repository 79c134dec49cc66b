package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * The framing of a sealed snapshot, around one HPKE (RFC 9180) context in base mode with DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256 and AES-256-GCM. A header ({@code "pmss"}, format version, the three suite ids, the plaintext chunk
 * size, the encapsulated key), then the plaintext in chunks, each sealed by the context (whose sequence number gives
 * each chunk its own nonce, so chunks cannot be reordered) with the header and a last-chunk flag as associated data
 * (so a cut at a chunk boundary, an extension or an altered header fails). Every chunk but the last holds exactly the
 * chunk size; the last holds the rest, possibly nothing.
 */
final class SealedFormat {
    static final byte[] MAGIC = "pmss".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final short KEM = HPKE.kem_X25519_SHA256;
    static final short KDF = HPKE.kdf_HKDF_SHA256;
    static final short AEAD = HPKE.aead_AES_GCM256;
    static final int ENC_LENGTH = 32;
    static final int TAG_LENGTH = 16;
    static final int HEADER_LENGTH = MAGIC.length + 1 + 6 + 4 + ENC_LENGTH;
    static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    static final int MAX_CHUNK_SIZE = 4 * 1024 * 1024;

    /** A header: what it says, and its bytes (every chunk's associated data starts with them). */
    record Header(int chunkSize, byte[] enc, byte[] bytes) {}

    private SealedFormat() {}

    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, KEM, KDF, AEAD);
    }

    static Header header(int chunkSize, byte[] enc) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).put((byte) VERSION).putShort(KEM)
                .putShort(KDF).putShort(AEAD).putInt(chunkSize).put(enc);
        return new Header(chunkSize, enc.clone(), header.array());
    }

    static Header readHeader(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(HEADER_LENGTH);
        if (bytes.length < HEADER_LENGTH || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new SnapshotOpenException(SnapshotOpenException.Reason.MALFORMED_HEADER, -1,
                    "not a sealed snapshot: no pmss header");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC.length, HEADER_LENGTH - MAGIC.length);
        int version = header.get();
        short kem = header.getShort();
        short kdf = header.getShort();
        short aead = header.getShort();
        if (version != VERSION || kem != KEM || kdf != KDF || aead != AEAD) {
            throw new SnapshotOpenException(SnapshotOpenException.Reason.UNSUPPORTED_FORMAT, -1, String.format(
                    "sealed snapshot format %d with HPKE suite 0x%04x/0x%04x/0x%04x; this agent opens format %d "
                            + "with 0x%04x/0x%04x/0x%04x", version, kem, kdf, aead, VERSION, KEM, KDF, AEAD));
        }
        int chunkSize = header.getInt();
        if (chunkSize <= 0 || chunkSize > MAX_CHUNK_SIZE) {
            throw new SnapshotOpenException(SnapshotOpenException.Reason.MALFORMED_HEADER, -1,
                    "a chunk size of " + chunkSize + " bytes");
        }
        byte[] enc = new byte[ENC_LENGTH];
        header.get(enc);
        return new Header(chunkSize, enc, bytes);
    }

    /** A chunk's associated data: the header, then 1 for the last chunk and 0 for the others. */
    static byte[] aad(Header header, boolean last) {
        byte[] aad = Arrays.copyOf(header.bytes(), HEADER_LENGTH + 1);
        aad[HEADER_LENGTH] = (byte) (last ? 1 : 0);
        return aad;
    }
}
