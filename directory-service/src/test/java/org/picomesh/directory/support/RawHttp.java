package org.picomesh.directory.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a bare socket: the request goes out byte for byte as written, so that a test can send what a
 * well-behaved client library refuses to (a NUL in a path, a raw space, a malformed header), and sees what the
 * servlet container itself answers. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {
    /** What came back: the status, the headers (names lower-cased) and the body as text. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    private final String host;
    private final int port;

    public RawHttp(String baseUrl) {
        String authority = baseUrl.replaceFirst("^http://", "");
        this.host = authority.substring(0, authority.indexOf(':'));
        this.port = Integer.parseInt(authority.substring(authority.indexOf(':') + 1));
    }

    /** A request line, headers and body as given; Host and Connection are added unless {@code head} has them. */
    public Answer send(String requestLine, String head, byte[] body) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n");
        String lower = head.toLowerCase(Locale.ROOT);
        if (!lower.contains("host:")) {
            request.append("Host: ").append(host).append(':').append(port).append("\r\n");
        }
        request.append("Connection: close\r\n").append(head);
        if (body != null && !lower.contains("content-length:") && !lower.contains("transfer-encoding:")) {
            request.append("Content-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            bytes.writeBytes(body);
        }
        return exchange(bytes.toByteArray());
    }

    private Answer exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException e) {
                // the server may answer and close before reading a large request whole: read what it said
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // a reset after the answer (the server did not read the whole body): keep what arrived
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] raw) throws IOException {
        String head = new String(raw, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer, only: " + head);
        }
        String[] lines = head.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1); // one char per byte: indexes agree
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }
}
