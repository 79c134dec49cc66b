package org.picomesh.directory.api;

import java.util.Locale;

/**
 * What to tell a client whose request the servlet container refused, from the status and Tomcat's own message:
 * what was wrong and what is accepted instead. A protocol the server does not speak (Tomcat's 501 for an unknown
 * transfer coding, 505 for an HTTP version) is the client's mistake here, so it is answered as a 400.
 */
record ContainerRefusal(int status, String detail) {
    /** Longest part of Tomcat's message repeated: it may quote the whole request target back. */
    private static final int MAX_QUOTED = 200;

    static ContainerRefusal of(int status, String message) {
        String said = message == null ? "" : shortened(message.strip());
        String lower = said.toLowerCase(Locale.ROOT);
        if (status == 505 || lower.contains("http version") || lower.contains("protocol")) {
            return new ContainerRefusal(400, "this server speaks HTTP/1.0 and HTTP/1.1 only" + quoted(said));
        }
        if (status == 501) {
            return new ContainerRefusal(400, "the request uses a feature this server does not implement (only the"
                    + " chunked transfer coding or a Content-Length frame a body)" + quoted(said));
        }
        if (lower.contains("too large") || lower.contains("too long") || lower.contains("exceed")) {
            return new ContainerRefusal(status == 413 ? 413 : 400, "the request line and headers are limited to 8 KB"
                    + " in all and to 100 headers: send a shorter query string or fewer headers" + quoted(said));
        }
        if (lower.contains("request target") || lower.contains("invalid uri") || lower.contains("uri")) {
            return new ContainerRefusal(400, "the request target is not a valid path: paths and query strings carry"
                    + " RFC 3986 characters only (percent-encode others), and a path segment may not hold an encoded"
                    + " slash (%2F), a backslash, NUL or a '..' above the root" + quoted(said));
        }
        return new ContainerRefusal(status, switch (status) {
            case 400 -> "the request is not valid HTTP/1.1 (its request line, a header or the body's framing)" + quoted(said);
            case 404 -> "there is nothing at this path; the API is described at /v3/api-docs";
            case 405 -> "this method is not allowed here; the API is described at /v3/api-docs" + quoted(said);
            default -> said.isEmpty() ? "the request was refused" : said;
        });
    }

    private static String quoted(String said) {
        return said.isEmpty() ? "" : " (" + said + ")";
    }

    private static String shortened(String message) {
        return message.length() > MAX_QUOTED ? message.substring(0, MAX_QUOTED) + "..." : message;
    }
}
