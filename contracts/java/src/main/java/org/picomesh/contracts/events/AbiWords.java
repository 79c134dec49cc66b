package org.picomesh.contracts.events;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

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
        byte[] word = Arrays.copyOfRange(data, offset, offset + 32);
        if (type.equals("address")) {
            return "0x" + HEX.formatHex(word, 12, 32);
        }
        if (type.equals("bool")) {
            return word[31] != 0;
        }
        if (type.startsWith("bytes")) {
            int length = Integer.parseInt(type.substring(5));
            return "0x" + HEX.formatHex(word, 0, length);
        }
        if (type.startsWith("uint")) {
            return new BigInteger(1, word);
        }
        if (type.startsWith("int")) {
            return new BigInteger(word);
        }
        throw new IllegalArgumentException("unsupported event argument type " + type);
    }

    /** A dynamic value whose head word at {@code headOffset} points into the data. */
    static Object dynamic(String type, byte[] data, int headOffset) {
        int start = uint(data, headOffset);
        int length = uint(data, start);
        byte[] bytes = Arrays.copyOfRange(data, start + 32, start + 32 + length);
        return type.equals("string") ? new String(bytes, StandardCharsets.UTF_8) : "0x" + HEX.formatHex(bytes);
    }

    private static int uint(byte[] data, int offset) {
        BigInteger value = new BigInteger(1, Arrays.copyOfRange(data, offset, offset + 32));
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
