package org.picomesh.agent.snapshot;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Seals a snapshot to the target agent's X25519 key (the 32 bytes its advert names as {@code encryptionKey}) in the
 * {@link SealedFormat}, as a stream: it holds one chunk of plaintext, never the snapshot, so a 10 MB pico costs
 * two (its plaintext and its sealed form), 128 KiB of heap here. Only the holder of the target's private key, opening for the same {@link SnapshotContext},
 * reads it back.
 *
 * <p>{@link #finish()} seals the last chunk; {@link #close()} alone does not, on purpose: a writer that fails half way
 * inside try-with-resources must not leave a well-formed snapshot of half an export. What is closed unfinished fails
 * to open as {@link SnapshotOpenException.Reason#TRUNCATED}.
 */
public final class SnapshotSealer extends FilterOutputStream {
    private final ChunkCipher cipher;
    private final byte[] aadMore;
    private final byte[] aadLast;
    private final byte[] chunk;
    private final byte[] sealed;
    private int filled;
    private boolean finished;
    private boolean closed;

    private SnapshotSealer(OutputStream out, byte[] recipientKey, SnapshotContext context, int chunkSize)
            throws IOException {
        super(out);
        if (recipientKey.length != 32) {
            throw new IllegalArgumentException("an X25519 public key has 32 bytes, not " + recipientKey.length);
        }
        HPKEContextWithEncapsulation hpke;
        try {
            hpke = SealedFormat.hpke().setupBaseS(new X25519PublicKeyParameters(recipientKey), context.info());
        } catch (IllegalStateException | IllegalArgumentException e) {
            // A low-order point gives an all-zero shared secret, which RFC 9180 says to refuse.
            throw new IllegalArgumentException("not a usable X25519 public key: " + e.getMessage());
        }
        this.cipher = ChunkCipher.of(hpke);
        SealedFormat.Header header = SealedFormat.header(chunkSize, hpke.getEncapsulation());
        this.aadMore = SealedFormat.aad(header, false);
        this.aadLast = SealedFormat.aad(header, true);
        this.chunk = new byte[chunkSize];
        this.sealed = new byte[chunkSize + SealedFormat.TAG_LENGTH];
        out.write(header.bytes());
    }

    /** A stream that seals what is written to it into {@code out}; {@link #finish()} it, then close it. */
    public static SnapshotSealer sealing(OutputStream out, byte[] recipientKey, SnapshotContext context)
            throws IOException {
        return sealing(out, recipientKey, context, SealedFormat.DEFAULT_CHUNK_SIZE);
    }

    static SnapshotSealer sealing(OutputStream out, byte[] recipientKey, SnapshotContext context, int chunkSize)
            throws IOException {
        return new SnapshotSealer(out, recipientKey, context, chunkSize);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int from, int length) throws IOException {
        if (finished || closed) {
            throw new IOException("the snapshot is already sealed or closed");
        }
        while (length > 0) {
            // A full chunk is sealed only when more bytes come: until then it may be the last.
            if (filled == chunk.length) {
                seal(false);
            }
            int n = Math.min(length, chunk.length - filled);
            System.arraycopy(bytes, from, chunk, filled, n);
            filled += n;
            from += n;
            length -= n;
        }
    }

    /** Seals the last chunk: the snapshot is complete. */
    public void finish() throws IOException {
        if (finished || closed) {
            throw new IOException("the snapshot is already sealed or closed");
        }
        finished = true;
        seal(true);
        out.flush();
    }

    /** Closes the underlying stream; without {@link #finish()} first, the snapshot has no last chunk. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }

    private void seal(boolean last) throws IOException {
        try {
            int n = cipher.seal(last ? aadLast : aadMore, chunk, 0, filled, sealed);
            filled = 0;
            out.write(sealed, 0, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM refused to seal", e);
        }
    }
}
