package org.picomesh.agent.whereabouts;

import java.net.URI;

/**
 * An advertised endpoint is a stranger's string: it is given on only when it is a short absolute http(s) URL with a
 * host and no credentials, query, fragment, whitespace or control characters (so it cannot forge a line of output).
 */
final class SafeEndpoint {
    static final int MAX = 256;

    private SafeEndpoint() {}

    /** The endpoint, or null when it is not one to give anybody. */
    static String of(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX
                || text.codePoints().anyMatch(c -> c <= 0x20 || c == 0x7f || Character.isISOControl(c)
                        || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT)) {
            return null;
        }
        try {
            URI uri = new URI(text);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null ? text : null;
        } catch (Exception e) {
            return null;
        }
    }
}
