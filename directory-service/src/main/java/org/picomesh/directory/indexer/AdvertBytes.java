package org.picomesh.directory.indexer;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import org.picomesh.contracts.events.MarketLog;
import org.web3j.utils.Numeric;

/**
 * An advert's exact bytes as {@code EngineRegistry.hashAdvert} hashes them: {@code abi.encode(advert)}, the tuple
 * (endpoint, did, pricePerHour, latencyMs, capacity, region, metadataCid, encryptionKey). Kept beside the text
 * columns, which cannot hold NUL and show bytes that are not UTF-8 as U+FFFD: from these bytes anyone can check the
 * advert against the chain's hash and read its strings whole.
 */
final class AdvertBytes {
    private static final int WORD = 32;
    private static final int HEAD_WORDS = 8;

    private AdvertBytes() {}

    static byte[] of(MarketLog e) {
        List<byte[]> strings = List.of(e.exactBytes("endpoint"), e.exactBytes("did"), e.exactBytes("region"),
                e.exactBytes("metadataCid"));
        ByteArrayOutputStream out = new ByteArrayOutputStream(WORD * (1 + HEAD_WORDS + 8));
        word(out, BigInteger.valueOf(WORD)); // the tuple is dynamic: abi.encode starts with its offset
        int tail = HEAD_WORDS * WORD;
        word(out, BigInteger.valueOf(tail));
        tail += padded(strings.get(0));
        word(out, BigInteger.valueOf(tail));
        tail += padded(strings.get(1));
        word(out, e.number("pricePerHour"));
        word(out, e.number("latencyMs"));
        word(out, e.number("capacity"));
        word(out, BigInteger.valueOf(tail));
        tail += padded(strings.get(2));
        word(out, BigInteger.valueOf(tail));
        out.writeBytes(Numeric.hexStringToByteArray(e.text("encryptionKey")));
        for (byte[] string : strings) {
            word(out, BigInteger.valueOf(string.length));
            out.writeBytes(string);
            out.writeBytes(new byte[padded(string) - WORD - string.length]);
        }
        return out.toByteArray();
    }

    /** The length word and the bytes rounded up to whole words. */
    private static int padded(byte[] string) {
        return WORD + (string.length + WORD - 1) / WORD * WORD;
    }

    private static void word(ByteArrayOutputStream out, BigInteger value) {
        out.writeBytes(Numeric.toBytesPadded(value, WORD));
    }
}
