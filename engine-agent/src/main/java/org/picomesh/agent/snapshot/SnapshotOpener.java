package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.KeyPair;
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
    private final PushbackInputStream in;
    private final SealedFormat.Header header;
    private final ChunkCipher cipher;
    private byte[] plain = new byte[0];
    private int position;
    private long index;
    private boolean done;

    private SnapshotOpener(InputStream sealed, KeyPair recipient, SnapshotContext context) throws IOException {
        this.in = new PushbackInputStream(sealed, 1);
        this.header = SealedFormat.readHeader(in);
        AsymmetricCipherKeyPair keys = keyPair(recipient);
        try {
            this.cipher = ChunkCipher.of(SealedFormat.hpke().setupBaseR(header.enc(), keys, context.info()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SnapshotOpenException(Reason.WRONG_KEY_OR_CONTEXT, -1, "the encapsulated key is unusable");
        }
    }

    /**
     * Reads the header of {@code sealed} and returns the stream of its plaintext, for the agent's own key pair (as
     * {@code EncryptionKeyFile} loads it) and the move it was sealed for.
     */
    public static SnapshotOpener opening(InputStream sealed, KeyPair recipient, SnapshotContext context)
            throws IOException {
        return new SnapshotOpener(sealed, recipient, context);
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
        while (position == plain.length) {
            if (done) {
                return -1;
            }
            openNext();
        }
        int n = Math.min(length, plain.length - position);
        System.arraycopy(plain, position, buffer, from, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void openNext() throws IOException {
        byte[] sealed = in.readNBytes(header.chunkSize() + SealedFormat.TAG_LENGTH);
        if (sealed.length == 0) {
            throw new SnapshotOpenException(Reason.TRUNCATED, index, "the snapshot ends before its last chunk");
        }
        int next = sealed.length == header.chunkSize() + SealedFormat.TAG_LENGTH ? in.read() : -1;
        boolean last = next < 0;
        if (!last) {
            in.unread(next);
        }
        plain = open(sealed, last);
        position = 0;
        done = last;
        index++;
    }

    private byte[] open(byte[] sealed, boolean last) throws SnapshotOpenException {
        try {
            return cipher.open(SealedFormat.aad(header, last), sealed);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            // Opening with the other flag only tells why: the sequence number moves on success, and this fails anyway.
            if (opensAs(sealed, !last)) {
                throw last ? new SnapshotOpenException(Reason.TRUNCATED, index, "the snapshot ends early")
                        : new SnapshotOpenException(Reason.EXTRA_BYTES, index, "bytes follow the last chunk");
            }
            throw index == 0
                    ? new SnapshotOpenException(Reason.WRONG_KEY_OR_CONTEXT, index,
                            "sealed to another key or for another move, or its start altered or cut")
                    : new SnapshotOpenException(Reason.ALTERED_CHUNK, index, "a chunk was altered, reordered or cut");
        }
    }

    private boolean opensAs(byte[] sealed, boolean last) {
        try {
            cipher.open(SealedFormat.aad(header, last), sealed);
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
