package org.picomesh.directory.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A raw query string checked the strict way, before the container decodes it leniently or throws deep inside a
 * controller: every parameter percent-encoded UTF-8, with no NUL. Says which parameter is wrong and why.
 */
final class QueryText {
    private QueryText() {}

    /** What is wrong with the query string, naming the parameter; empty when it is well formed. */
    static Optional<String> problem(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decode(rawName).orElse(rawName.length() > 40 ? rawName.substring(0, 40) + "..." : rawName);
            Optional<String> wrong = check(rawName).or(() -> equals < 0 ? Optional.empty() : check(pair.substring(equals + 1)));
            if (wrong.isPresent()) {
                return Optional.of("the query parameter '" + printable(name) + "' " + wrong.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(String raw) {
        Optional<String> decoded = decode(raw);
        if (decoded.isEmpty()) {
            return Optional.of("is not percent-encoded UTF-8 (each %XX two hex digits, together valid UTF-8 bytes)");
        }
        if (decoded.get().indexOf('\0') >= 0) {
            return Optional.of("contains a NUL character (%00), which no parameter accepts");
        }
        return Optional.empty();
    }

    /** The text {@code raw} encodes, or empty when its escapes are broken or its bytes are not UTF-8. */
    static Optional<String> decode(String raw) {
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.put(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.flip()).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }
}
