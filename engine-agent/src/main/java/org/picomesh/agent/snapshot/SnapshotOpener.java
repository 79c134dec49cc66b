package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPair;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.picomesh.agent.snapshot.SnapshotOpenException.Reason;

/**
 * Opens a sealed snapshot as a stream, one chunk at a time. A chunk's bytes are handed out only once its tag checks;
 * the whole is authentic only when the stream ends without a {@link SnapshotOpenException}: a caller that imports
 * as it reads must be ready to throw the import away.
 */
public final class SnapshotOpener extends InputStream {
    private final InputStream in;
    private final SealedFormat.Header header;
    private final ChunkCipher cipher;
    private final byte[] aadMore;
    private final byte[] aadLast;
    /** A sealed chunk and the first byte of the next, if any: it tells whether this one is the last. */
    private final byte[] sealed;
    private final byte[] plain;
    private int carried;
    private int plainLength;
    private int position;
    private long index;
    private boolean done;

    private SnapshotOpener(InputStream sealed, KeyPair recipient, SnapshotContext context) throws IOException {
        this.in = sealed;
        this.header = SealedFormat.readHeader(in);
        AsymmetricCipherKeyPair keys = keyPair(recipient);
        try {
            this.cipher = ChunkCipher.of(SealedFormat.hpke().setupBaseR(header.enc(), keys, context.info()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SnapshotOpenException(Reason.WRONG_KEY_OR_CONTEXT, -1, "the encapsulated key is unusable");
        }
        this.aadMore = SealedFormat.aad(header, false);
        this.aadLast = SealedFormat.aad(header, true);
        this.sealed = new byte[header.chunkSize() + SealedFormat.TAG_LENGTH + 1];
        this.plain = new byte[header.chunkSize()];
    }

    /**
     * Reads the header of {@code sealed} and returns the stream of its plaintext, for the agent's own key pair (as
     * {@code EncryptionKeyFile} loads it) and the move it was sealed for.
     */
    public static SnapshotOpener opening(InputStream sealed, KeyPair recipient, SnapshotContext context)
            throws IOException {
        return new SnapshotOpener(sealed, recipient, context);
    }

    /**
     * The whole plaintext of a sealed snapshot of {@code sealedLength} bytes (header included), in one array of its
     * exact size: its chunk size and length say how long the plaintext is, whatever the split of the last chunk.
     */
    public byte[] readAll(long sealedLength) throws IOException {
        long body = sealedLength - SealedFormat.HEADER_LENGTH;
        long chunk = header.chunkSize() + SealedFormat.TAG_LENGTH;
        long length = body - SealedFormat.TAG_LENGTH * ((body + chunk - 1) / chunk);
        if (body <= 0 || length > Integer.MAX_VALUE - 16) {
            return readAllBytes(); // not a length a snapshot can have: let the chunks say what is wrong
        }
        byte[] all = new byte[(int) length];
        int n = readNBytes(all, 0, all.length);
        if (n < all.length || read() >= 0) {
            throw new SnapshotOpenException(Reason.TRUNCATED, index, "the snapshot is not as long as its file");
        }
        return all;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == plainLength) {
            if (done) {
                return -1;
            }
            openNext();
        }
        int n = Math.min(length, plainLength - position);
        System.arraycopy(plain, position, buffer, from, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void openNext() throws IOException {
        int full = sealed.length - 1;
        int n = carried + in.readNBytes(sealed, carried, sealed.length - carried);
        if (n == 0) {
            throw new SnapshotOpenException(Reason.TRUNCATED, index, "the snapshot ends before its last chunk");
        }
        boolean last = n <= full;
        position = 0;
        plainLength = 0; // nothing of a chunk that does not open is handed out
        plainLength = open(Math.min(n, full), last);
        carried = last ? 0 : 1;
        sealed[0] = sealed[full];
        done = last;
        index++;
    }

    private int open(int length, boolean last) throws SnapshotOpenException {
        try {
            return cipher.open(last ? aadLast : aadMore, sealed, length, plain);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            // Opening with the other flag only tells why: the sequence number moves on success, and this fails anyway.
            if (opensAs(length, !last)) {
                throw last ? new SnapshotOpenException(Reason.TRUNCATED, index, "the snapshot ends early")
                        : new SnapshotOpenException(Reason.EXTRA_BYTES, index, "bytes follow the last chunk");
            }
            throw index == 0
                    ? new SnapshotOpenException(Reason.WRONG_KEY_OR_CONTEXT, index,
                            "sealed to another key or for another move, or its start altered or cut")
                    : new SnapshotOpenException(Reason.ALTERED_CHUNK, index, "a chunk was altered, reordered or cut");
        }
    }

    private boolean opensAs(int length, boolean last) {
        try {
            cipher.open(last ? aadLast : aadMore, sealed, length, plain);
            Arrays.fill(plain, (byte) 0);
            return true;
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            return false;
        }
    }

    private static AsymmetricCipherKeyPair keyPair(KeyPair recipient) throws IOException {
        if (!(PrivateKeyFactory.createKey(recipient.getPrivate().getEncoded()) instanceof X25519PrivateKeyParameters key)) {
            throw new IllegalArgumentException("not an X25519 private key: " + recipient.getPrivate().getAlgorithm());
        }
        return new AsymmetricCipherKeyPair(key.generatePublicKey(), key);
    }
}
