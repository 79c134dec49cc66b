package org.picomesh.agent.picoengine;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An {@code application/x-www-form-urlencoded} body, the only one pico-engine 0.48.1 accepts beyond 100 KB (its JSON
 * parser keeps express's default limit; its form parser allows 512 MB). A snapshot is percent-encoded as it is sent,
 * never as a second copy in memory.
 */
final class FormBody {
    private FormBody() {
    }

    static HttpRequest.BodyPublisher of(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(encode(fields));
    }

    /** The fields, then {@code name=} and the snapshot's bytes percent-encoded on the fly. */
    static HttpRequest.BodyPublisher streaming(Map<String, String> fields, String name, Snapshot snapshot) {
        String head = encode(fields) + (fields.isEmpty() ? "" : "&") + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "=";
        byte[] prefix = head.getBytes(StandardCharsets.US_ASCII);
        return HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(new ByteArrayInputStream(prefix),
                new PercentEncoding(snapshot.open())));
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Percent-encodes every byte but the unreserved ones: valid form encoding of UTF-8 text, byte for byte. */
    static final class PercentEncoding extends FilterInputStream {
        private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        private final byte[] raw = new byte[8192];
        private final byte[] encoded = new byte[3 * 8192];
        private int position;
        private int limit;

        PercentEncoding(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(encoded, position, b, off, n);
            position += n;
            return n;
        }

        private boolean fill() throws IOException {
            int n = in.read(raw, 0, raw.length);
            if (n < 0) {
                return false;
            }
            int out = 0;
            for (int i = 0; i < n; i++) {
                int c = raw[i] & 0xff;
                if (unreserved(c)) {
                    encoded[out++] = (byte) c;
                } else {
                    encoded[out++] = '%';
                    encoded[out++] = HEX[c >> 4];
                    encoded[out++] = HEX[c & 0xf];
                }
            }
            position = 0;
            limit = out;
            return true;
        }

        private static boolean unreserved(int c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '*';
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("a percent-encoded body is read, not skipped");
        }

        @Override
        public int available() {
            return limit - position;
        }
    }
}
