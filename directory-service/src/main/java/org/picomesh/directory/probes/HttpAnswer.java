package org.picomesh.directory.probes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads an HTTP/1.1 answer far enough to judge a probe: the status line, the head (bounded) and the body up to one
 * byte past the allowed size. The body's content is not interpreted: an engine that answers 200 is up.
 */
final class HttpAnswer {
    private final int first;
    private final InputStream in;
    private final int maxHeadBytes;
    private final int maxBodyBytes;

    HttpAnswer(int first, InputStream in, int maxHeadBytes, int maxBodyBytes) {
        this.first = first;
        this.in = in;
        this.maxHeadBytes = maxHeadBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Why the probe failed, or null when the engine answered 200 within the size allowed. */
    String failure() throws IOException {
        String head = head();
        if (head == null) {
            return "not an HTTP answer";
        }
        String[] status = head.substring(0, head.indexOf('\r') < 0 ? head.length() : head.indexOf('\r')).split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("\\d{3}")) {
            return "not an HTTP answer";
        }
        int code = Integer.parseInt(status[1]);
        if (code >= 300 && code < 400) {
            return "redirect refused (HTTP " + code + ")";
        }
        if (code != 200) {
            return "HTTP " + code;
        }
        long length = contentLength(head);
        long body = in.readNBytes((int) Math.min(maxBodyBytes + 1L, length < 0 ? Long.MAX_VALUE : length)).length;
        if (body > maxBodyBytes) {
            return "answer larger than " + maxBodyBytes + " bytes";
        }
        return null;
    }

    /** The head up to the blank line, or null when it is longer than allowed or the connection ends first. */
    private String head() throws IOException {
        StringBuilder head = new StringBuilder().append((char) first);
        while (head.length() < maxHeadBytes) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
            if (b == '\n' && head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return null;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                try {
                    return Long.parseLong(line.substring("content-length:".length()).strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
