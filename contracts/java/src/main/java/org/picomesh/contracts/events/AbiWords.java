package org.picomesh.contracts.events;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads ABI-encoded event arguments straight from their 32-byte words: the few types the market's events
 * use, without the reflection of a general decoder (the indexer decodes tens of thousands of logs a second).
 */
final class AbiWords {
    private static final HexFormat HEX = HexFormat.of();

    private AbiWords() {}

    static boolean isDynamic(String type) {
        return type.equals("string") || type.equals("bytes");
    }

    /** A static value from one word (a topic, or a head word of the data). */
    static Object word(String type, byte[] data, int offset) {
        if (offset < 0 || offset + 32 > data.length) {
            throw new IllegalArgumentException("an event argument lies outside the event's data");
        }
        if (type.equals("address")) {
            return "0x" + HEX.formatHex(data, offset + 12, offset + 32);
        }
        if (type.equals("bool")) {
            return data[offset + 31] != 0;
        }
        if (type.startsWith("bytes")) {
            int length = Integer.parseInt(type.substring(5));
            return "0x" + HEX.formatHex(data, offset, offset + length);
        }
        if (type.startsWith("uint")) {
            return unsigned(data, offset);
        }
        if (type.startsWith("int")) {
            return new BigInteger(data, offset, 32);
        }
        throw new IllegalArgumentException("unsupported event argument type " + type);
    }

    /** Most words hold small numbers: those that fit a long are read as one, many times cheaper. */
    private static BigInteger unsigned(byte[] data, int offset) {
        for (int i = offset; i < offset + 24; i++) {
            if (data[i] != 0) {
                return new BigInteger(1, data, offset, 32);
            }
        }
        long value = 0;
        for (int i = offset + 24; i < offset + 32; i++) {
            value = value << 8 | (data[i] & 0xff);
        }
        return value >= 0 ? BigInteger.valueOf(value) : new BigInteger(1, data, offset, 32);
    }

    /** A dynamic value whose head word at {@code headOffset} points into the data. */
    static Object dynamic(String type, byte[] data, int headOffset) {
        byte[] bytes = dynamicBytes(data, headOffset);
        return type.equals("string") ? new String(bytes, StandardCharsets.UTF_8) : "0x" + HEX.formatHex(bytes);
    }

    /** The bytes of a dynamic value whose head word at {@code headOffset} points into the data. */
    static byte[] dynamicBytes(byte[] data, int headOffset) {
        int start = uint(data, headOffset);
        int length = uint(data, start);
        if (start + 32 + length > data.length) {
            throw new IllegalArgumentException("an offset or length points outside the event's data");
        }
        return Arrays.copyOfRange(data, start + 32, start + 32 + length);
    }

    /** The text these bytes encode, or nothing when they are not valid UTF-8. ASCII, the usual case, is not decoded twice. */
    static Optional<String> strictUtf8(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            ascii &= b >= 0;
        }
        if (ascii) {
            return Optional.of(new String(bytes, StandardCharsets.US_ASCII));
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static int uint(byte[] data, int offset) {
        if (offset < 0 || offset + 32 > data.length) {
            throw new IllegalArgumentException("an offset or length points outside the event's data");
        }
        BigInteger value = unsigned(data, offset);
        if (value.bitLength() > 31 || value.intValue() > data.length) {
            throw new IllegalArgumentException("an offset or length points outside the event's data");
        }
        return value.intValue();
    }

    /**
     * A JSON-RPC quantity ("0x1a") as a long. (web3j's own getters compile a regular expression on every call,
     * which was a third of the indexer's reading time.)
     */
    static long quantity(String hex) {
        if (hex == null || !hex.startsWith("0x") || hex.length() < 3 || hex.length() > 18) {
            throw new IllegalArgumentException("not a JSON-RPC quantity: " + hex);
        }
        return Long.parseUnsignedLong(hex, 2, hex.length(), 16);
    }

    static byte[] bytes(String hex) {
        String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
        return HEX.parseHex(digits);
    }
}
