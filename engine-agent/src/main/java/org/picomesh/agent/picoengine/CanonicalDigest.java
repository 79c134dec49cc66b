package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeMap;

/**
 * SHA-256 of a JSON value that ignores the order of object members, so that two engines' exports of the same state
 * compare equal without keeping both states in memory.
 */
final class CanonicalDigest {
    private CanonicalDigest() {
    }

    static String of(JsonNode value) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        feed(digest, value);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void feed(MessageDigest digest, JsonNode value) {
        if (value.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            value.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            digest.update((byte) '{');
            sorted.forEach((name, member) -> {
                text(digest, name);
                feed(digest, member);
            });
            digest.update((byte) '}');
        } else if (value.isArray()) {
            digest.update((byte) '[');
            for (Iterator<JsonNode> items = value.elements(); items.hasNext(); ) {
                feed(digest, items.next());
            }
            digest.update((byte) ']');
        } else {
            digest.update((byte) value.getNodeType().ordinal());
            text(digest, value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString()
                    : value.asText());
        }
    }

    /** Length-prefixed, so that no two different values feed the same bytes. */
    private static void text(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
