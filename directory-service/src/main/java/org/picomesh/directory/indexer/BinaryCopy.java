package org.picomesh.directory.indexer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Rows in the binary format of PostgreSQL's {@code COPY … from stdin (format binary)}: each row its field count,
 * each field its length (-1 for NULL) and its value as the type's binary form, big-endian. PostgreSQL then parses
 * nothing from text, a seventh to a third of its work for a COPY (BENCHMARKS.md, fourth session).
 */
final class BinaryCopy {
    /** The signature, then no flags and no header extension. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0,
            0, 0, 0};
    private static final BigInteger TEN_TO_16 = BigInteger.TEN.pow(16);
    private static final short NUMERIC_NEGATIVE = 0x4000;

    private byte[] bytes;
    private int size;
    private int rows;

    BinaryCopy(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
        raw(HEADER);
    }

    BinaryCopy row(int fields) {
        rows++;
        return putShort((short) fields);
    }

    BinaryCopy bigint(long value) {
        return putInt(8).putLong(value);
    }

    BinaryCopy nullableBigint(Long value) {
        return value == null ? putInt(-1) : bigint(value);
    }

    BinaryCopy integer(int value) {
        return putInt(4).putInt(value);
    }

    BinaryCopy bool(boolean value) {
        putInt(1).room(1);
        bytes[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    BinaryCopy nullableText(String value) {
        return value == null ? putInt(-1) : text(value);
    }

    /** A text field: PostgreSQL checks that it is valid UTF-8 without NUL, as for any text. */
    BinaryCopy text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return putInt(utf8.length).raw(utf8);
    }

    /** A {@code bytea} field: the bytes as they are. */
    BinaryCopy bytea(byte[] value) {
        return putInt(value.length).raw(value);
    }

    /**
     * A whole number as {@code numeric}: base-10,000 digits, most significant first, trailing zero digits left out
     * (their place is in the weight), no decimal places.
     */
    BinaryCopy numeric(BigInteger value) {
        short[] digits = base10000(value.abs());
        int count = digits.length;
        while (count > 0 && digits[count - 1] == 0) {
            count--;
        }
        putInt(8 + 2 * count).putShort((short) count).putShort((short) Math.max(0, digits.length - 1))
                .putShort(value.signum() < 0 ? NUMERIC_NEGATIVE : 0).putShort((short) 0);
        for (int i = 0; i < count; i++) {
            putShort(digits[i]);
        }
        return this;
    }

    /** Starts a field whose length is known once written (with {@link #ascii} and {@link #raw}); returns where. */
    int startField() {
        int at = size;
        putInt(0);
        return at;
    }

    void endField(int at) {
        int length = size - at - 4;
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (length >> (24 - 8 * i));
        }
    }

    /** Characters known to be ASCII, one byte each, inside a field. */
    BinaryCopy ascii(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    BinaryCopy raw(byte[] data) {
        room(data.length);
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
        return this;
    }

    int rows() {
        return rows;
    }

    /** The whole COPY, ended. */
    byte[] finish() {
        putShort((short) -1);
        return Arrays.copyOf(bytes, size);
    }

    private static short[] base10000(BigInteger value) {
        if (value.signum() == 0) {
            return new short[0];
        }
        // 16 decimal digits (four base-10,000 digits) at a time, from the least significant
        ArrayDeque<Long> chunks = new ArrayDeque<>();
        while (value.bitLength() > 63) {
            BigInteger[] split = value.divideAndRemainder(TEN_TO_16);
            chunks.push(split[1].longValue());
            value = split[0];
        }
        short[] top = base10000(value.longValue());
        short[] digits = Arrays.copyOf(top, top.length + 4 * chunks.size());
        int at = top.length;
        for (long chunk : chunks) {
            for (int i = 3; i >= 0; i--) {
                digits[at + i] = (short) (chunk % 10_000);
                chunk /= 10_000;
            }
            at += 4;
        }
        return digits;
    }

    private static short[] base10000(long value) {
        short[] reversed = new short[5];
        int count = 0;
        while (value > 0) {
            reversed[count++] = (short) (value % 10_000);
            value /= 10_000;
        }
        short[] digits = new short[count];
        for (int i = 0; i < count; i++) {
            digits[i] = reversed[count - 1 - i];
        }
        return digits;
    }

    private BinaryCopy putShort(short value) {
        room(2);
        bytes[size++] = (byte) (value >> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    private BinaryCopy putInt(int value) {
        room(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >> shift);
        }
        return this;
    }

    private BinaryCopy putLong(long value) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >> shift);
        }
        return this;
    }

    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
