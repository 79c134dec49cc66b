package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the characters of one string (a value as the parser hands it over, or a member's name) into a {@link Rope}
 * in their canonical JSON form, UTF-8 ({@link CanonicalWriter} says where each string begins and ends): quoted;
 * {@code "} and {@code \} escaped; control characters as {@code \b \t \n \f \r} or a six-character escape
 * (backslash, {@code u00xx}); everything else as itself. A lone surrogate is refused (RFC 8785 section 3.2.2.2: it
 * has no UTF-8 form).
 */
final class CanonicalStringWriter extends Writer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private Rope out;
    private char high;

    void into(Rope rope) {
        out = rope;
        high = 0;
        out.write('"');
    }

    void end() throws IOException {
        if (high != 0) {
            throw new IOException("a lone surrogate in a string");
        }
        out.write('"');
    }

    @Override
    public void write(char[] chars, int from, int length) throws IOException {
        // Most of a pico's state is text that needs no escape: those runs are copied whole, not char by char.
        int end = from + length;
        int i = from;
        while (i < end) {
            int run = i;
            while (high == 0 && run < end && plain(chars[run])) {
                run++;
            }
            if (run > i) {
                out.writeAscii(chars, i, run - i);
                i = run;
            } else {
                write(chars[i++]);
            }
        }
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    }

    @Override
    public void write(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            write(text.charAt(i));
        }
    }

    @Override
    public void write(int c) throws IOException {
        if (high != 0 || Character.isSurrogate((char) c)) {
            surrogate((char) c);
        } else if (c < 0x80) {
            asciiChar(c);
        } else if (c < 0x800) {
            out.write(0xc0 | (c >> 6));
            out.write(0x80 | (c & 0x3f));
        } else {
            out.write(0xe0 | (c >> 12));
            out.write(0x80 | ((c >> 6) & 0x3f));
            out.write(0x80 | (c & 0x3f));
        }
    }

    private void asciiChar(int c) {
        switch (c) {
            case '"', '\\' -> escape((char) c);
            case '\b' -> escape('b');
            case '\t' -> escape('t');
            case '\n' -> escape('n');
            case '\f' -> escape('f');
            case '\r' -> escape('r');
            default -> {
                if (c < 0x20) {
                    out.write('\\');
                    out.write('u');
                    out.write('0');
                    out.write('0');
                    out.write(HEX[c >> 4]);
                    out.write(HEX[c & 0xf]);
                } else {
                    out.write(c);
                }
            }
        }
    }

    private void escape(char c) {
        out.write('\\');
        out.write(c);
    }

    private void surrogate(char c) throws IOException {
        if (high == 0 && Character.isHighSurrogate(c)) {
            high = c;
            return;
        }
        if (high == 0 || !Character.isLowSurrogate(c)) {
            throw new IOException("a lone surrogate in a string");
        }
        int code = Character.toCodePoint(high, c);
        high = 0;
        out.write(0xf0 | (code >> 18));
        out.write(0x80 | ((code >> 12) & 0x3f));
        out.write(0x80 | ((code >> 6) & 0x3f));
        out.write(0x80 | (code & 0x3f));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
