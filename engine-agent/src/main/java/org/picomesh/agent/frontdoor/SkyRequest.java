package org.picomesh.agent.frontdoor;

/**
 * A pico's event or query as the front door keeps it to deliver later: raw path and query, as received.
 *
 * @param query the raw query string, or null
 * @param contentType the request's content type, or null
 */
record SkyRequest(String method, String path, String query, String contentType, byte[] body) {

    /** The ECI of {@code /sky/event/{eci}/...} or {@code /sky/cloud/{eci}/...}, or null for any other path. */
    static String eci(String path) {
        if (!path.startsWith("/sky/")) {
            return null;
        }
        int start = path.indexOf('/', 5) + 1;
        int end = path.indexOf('/', start);
        return start <= 0 || end <= start ? null : path.substring(start, end);
    }

    static boolean isEvent(String path) {
        return path.startsWith("/sky/event/");
    }

    /** The path and query, as sent, after {@code base} (a host's endpoint, perhaps with a path of its own). */
    java.net.URI on(java.net.URI base) {
        String root = base.toString();
        if (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return java.net.URI.create(root + path + (query == null ? "" : "?" + query));
    }
}
