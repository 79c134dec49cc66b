package org.picomesh.agent.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for a pico's export before it is sealed: the same pico state gives the same
 * bytes, hence the same CID, whatever engine or library wrote the JSON. ES6 number formatting is the RFC author's own
 * code; names are sorted by UTF-16 code units; Jackson's writer is not RFC 8785 (its doubles and escapes differ), its
 * parser only reads. See {@link CanonicalWriter} for the heap it needs.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** The canonical UTF-8 bytes of a JSON text; an {@link IllegalArgumentException} when it is not JSON. */
    public static byte[] canonicalise(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
        try {
            canonicalise(new ByteArrayInputStream(json), out);
        } catch (IOException e) {
            throw new IllegalStateException("a byte array stream failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads one JSON text from {@code json} and writes its canonical UTF-8 bytes to {@code out} (nothing, when it is
     * not JSON: an {@link IllegalArgumentException}). An {@link IOException} is {@code out}'s.
     */
    public static void canonicalise(InputStream json, OutputStream out) throws IOException {
        Rope canonical;
        try {
            canonical = CanonicalWriter.canonical(json);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not canonicalisable JSON: " + e.getMessage(), e);
        }
        canonical.writeTo(out);
    }
}
