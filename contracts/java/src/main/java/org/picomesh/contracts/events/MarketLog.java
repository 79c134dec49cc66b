package org.picomesh.contracts.events;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * One event of the market's contracts, decoded: its name, its arguments by name, and where it sits on the chain.
 * Numbers are {@link BigInteger}, addresses and hashes lower-case hex strings, strings as emitted (untrusted). A
 * string whose bytes are not valid UTF-8 is text with U+FFFD for each bad sequence, and its exact bytes (hex) are
 * one more argument, its name followed by {@link #EXACT_BYTES} (no Solidity name holds a colon).
 */
public record MarketLog(
        String name, Map<String, Object> args, long blockNumber, int logIndex, String blockHash, String txHash) {

    public BigInteger number(String arg) {
        return (BigInteger) args.get(arg);
    }

    public long id(String arg) {
        return number(arg).longValueExact();
    }

    public static final String EXACT_BYTES = ":bytes";

    public String text(String arg) {
        return (String) args.get(arg);
    }

    /** A string argument's bytes exactly as emitted, even when they are not valid UTF-8. */
    public byte[] exactBytes(String arg) {
        Object exact = args.get(arg + EXACT_BYTES);
        return exact instanceof String hex ? Numeric.hexStringToByteArray(hex) : text(arg).getBytes(StandardCharsets.UTF_8);
    }
}
