package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes written in pieces and other ropes appended by reference, never copied: a canonical object's members are
 * written each into its own rope and then put in order, so the whole document is held once, however deep.
 */
final class Rope {
    private static final int FIRST_PIECE = 64;
    private static final int LARGEST_PIECE = 16 * 1024;

    /** {@code byte[]} pieces, full, and {@code Rope}s, in order. */
    private final List<Object> parts = new ArrayList<>(2);
    private byte[] piece;
    private int filled;

    void write(int b) {
        room(1);
        piece[filled++] = (byte) b;
    }

    void write(byte[] bytes, int from, int length) {
        while (length > 0) {
            room(1);
            int n = Math.min(length, piece.length - filled);
            System.arraycopy(bytes, from, piece, filled, n);
            filled += n;
            from += n;
            length -= n;
        }
    }

    /** Characters that are all below 0x80, each as its one byte. */
    void writeAscii(char[] chars, int from, int length) {
        while (length > 0) {
            room(1);
            int n = Math.min(length, piece.length - filled);
            for (int i = 0; i < n; i++) {
                piece[filled + i] = (byte) chars[from + i];
            }
            filled += n;
            from += n;
            length -= n;
        }
    }

    void append(Rope other) {
        seal();
        parts.add(other);
    }

    void writeTo(OutputStream out) throws IOException {
        for (Object part : parts) {
            if (part instanceof byte[] bytes) {
                out.write(bytes);
            } else {
                ((Rope) part).writeTo(out);
            }
        }
        if (piece != null) {
            out.write(piece, 0, filled);
        }
    }

    /** A piece with room for at least one more byte: pieces grow from small (most values are) to a bound. */
    private void room(int bytes) {
        if (piece == null) {
            piece = new byte[FIRST_PIECE];
        } else if (filled + bytes > piece.length) {
            if (piece.length < LARGEST_PIECE) {
                piece = Arrays.copyOf(piece, Math.min(piece.length * 2, LARGEST_PIECE));
            } else {
                parts.add(piece);
                piece = new byte[LARGEST_PIECE];
                filled = 0;
            }
        }
    }

    private void seal() {
        if (piece != null && filled > 0) {
            parts.add(filled == piece.length ? piece : Arrays.copyOf(piece, filled));
        }
        piece = null;
        filled = 0;
    }
}
