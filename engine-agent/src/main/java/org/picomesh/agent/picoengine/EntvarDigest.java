package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.picomesh.agent.snapshot.CanonicalJson;

/**
 * SHA-256 (hex) of an entity variable's RFC 8785 form: what the mover ruleset's {@code outline} computes inside the
 * target's engine for each imported entity variable, so that the check of an import compares digests instead of
 * exporting the pico a second time. Any member order and any number spelling of the same value give the same digest.
 */
final class EntvarDigest {
    private EntvarDigest() {
    }

    /** The digest of the value the parser is at (its children consumed). */
    static String of(JsonParser value) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator copy = EngineHttp.JSON.getFactory().createGenerator(json)) {
            copy.copyCurrentStructure(value);
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (OutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            CanonicalJson.canonicalise(new ByteArrayInputStream(json.toByteArray()), digest);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
