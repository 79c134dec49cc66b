package org.picomesh.agent.snapshot;

import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for a pico's export before it is sealed: the same pico state gives the same
 * bytes, hence the same CID, whatever engine or library wrote the JSON. The implementation is the RFC author's own
 * (ES6 number formatting, UTF-16 key order); Jackson's writer is not RFC 8785 (its doubles and escapes differ).
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** The canonical UTF-8 bytes of a JSON text; an {@link IllegalArgumentException} when it is not JSON. */
    public static byte[] canonicalise(byte[] json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not canonicalisable JSON: " + e.getMessage(), e);
        }
    }
}
