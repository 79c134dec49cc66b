package org.picomesh.agent.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Canonicalises an export-like document of a given size in this JVM, to be run with a small {@code -Xmx}: prints
 * "canonical <bytes>" when it fits, dies of an OutOfMemoryError when not. {@code stream} is {@link CanonicalJson}
 * writing to a null stream (as into the sealer), {@code tree} the tree-building canonicaliser it replaced.
 */
public final class CanonicalHeap {
    private CanonicalHeap() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int size = Integer.parseInt(args[1]);
        byte[] export = export(size);
        long bytes;
        if (mode.equals("tree")) {
            bytes = new JsonCanonicalizer(export).getEncodedUTF8().length;
        } else {
            Counting out = new Counting();
            CanonicalJson.canonicalise(new java.io.ByteArrayInputStream(export), out);
            bytes = out.count;
        }
        System.out.println("canonical " + bytes);
    }

    /**
     * A pico export's shape in {@code size} bytes of UTF-8 (padded with white space): a few channels with keys, and
     * the state as entvars of varied text, one of them holding most of it (as a pico with one large value does).
     * Written straight into the one array, so that making it needs no more heap than it takes.
     */
    static byte[] export(int size) {
        Random random = new Random(8785);
        Filler json = new Filler(new byte[size]);
        json.ascii("{\"version\":\"0.48.1\",\"pico\":{\"channels\":{");
        for (int i = 0; i < 20; i++) {
            json.ascii((i == 0 ? "" : ",") + "\"eci" + i + "\":{\"sovrin\":{\"secret\":\"");
            json.text(random, 88);
            json.ascii("\"},\"weight\":" + random.nextDouble() * 1e6 + "}");
        }
        json.ascii("},\"entvars\":{\"org.picomesh.test\":{\"count\":3,\"small\":\"");
        json.text(random, size / 20);
        json.ascii("\",\"blob\":\"");
        json.text(random, size - json.at - 16);
        json.ascii("\"}}}}");
        while (json.at < size) {
            json.ascii(" ");
        }
        return json.bytes;
    }

    /** Writes into a fixed array: ASCII, and text with escapes and two- and three-byte UTF-8 characters. */
    private static final class Filler {
        private static final String[] PIECES = {"a", "b", "z", "Q", "7", " ", "\\n", "\\\"", "\\\\", "\u00e9",
                "\u20ac", "x", "y", "k", "m", "0"};
        final byte[] bytes;
        int at;

        Filler(byte[] bytes) {
            this.bytes = bytes;
        }

        void ascii(String text) {
            byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            System.arraycopy(b, 0, bytes, at, b.length);
            at += b.length;
        }

        /** About {@code length} bytes of text (never more). */
        void text(Random random, int length) {
            int end = at + length - 3;
            while (at < end) {
                ascii(PIECES[random.nextInt(PIECES.length)]);
            }
        }
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
