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
        Read read = read();
        if (read.failure() != null) {
            return read.failure();
        }
        if (read.status() >= 300 && read.status() < 400) {
            return "redirect refused (HTTP " + read.status() + ")";
        }
        return read.status() == 200 ? null : "HTTP " + read.status();
    }

    /**
     * The status and, for a 200, the body (read to its length or the connection's end, at most the size allowed),
     * or why it is not an answer at all.
     */
    Read read() throws IOException {
        String head = head();
        if (head == null) {
            return Read.failed("not an HTTP answer");
        }
        String[] status = head.substring(0, head.indexOf('\r') < 0 ? head.length() : head.indexOf('\r')).split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("\\d{3}")) {
            return Read.failed("not an HTTP answer");
        }
        int code = Integer.parseInt(status[1]);
        if (code != 200) {
            return new Read(code, new byte[0], false, null);
        }
        long length = contentLength(head);
        byte[] body = in.readNBytes((int) Math.min(maxBodyBytes + 1L, length < 0 ? Long.MAX_VALUE : length));
        if (body.length > maxBodyBytes) {
            return Read.failed("answer larger than " + maxBodyBytes + " bytes");
        }
        return new Read(code, body, header(head, "transfer-encoding:") != null, null);
    }

    /** An answer's status and body (raw when {@code chunked}), or why it is no answer (then {@code failure} is set). */
    record Read(int status, byte[] body, boolean chunked, String failure) {
        static Read failed(String failure) {
            return new Read(0, new byte[0], false, failure);
        }
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
        String value = header(head, "content-length:");
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(name)) {
                return line.substring(name.length()).strip();
            }
        }
        return null;
    }
}
