package org.picomesh.contracts.events;

import java.math.BigInteger;
import java.util.Map;

/**
 * One event of the market's contracts, decoded: its name, its arguments by name, and where it sits on the chain.
 * Numbers are {@link BigInteger}, addresses and hashes lower-case hex strings, strings as emitted (untrusted).
 */
public record MarketLog(
        String name, Map<String, Object> args, long blockNumber, int logIndex, String blockHash, String txHash) {

    public BigInteger number(String arg) {
        return (BigInteger) args.get(arg);
    }

    public long id(String arg) {
        return number(arg).longValueExact();
    }

    public String text(String arg) {
        return (String) args.get(arg);
    }
}
