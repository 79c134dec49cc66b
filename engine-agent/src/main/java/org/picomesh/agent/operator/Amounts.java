package org.picomesh.agent.operator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import org.web3j.utils.Convert;

/** Parsing of what people type: ether amounts, addresses and endpoint URLs. */
final class Amounts {
    private Amounts() {}

    /** "1.5" ether to wei; at most 18 decimals, not negative. */
    static BigInteger etherToWei(String ether) {
        BigDecimal value;
        try {
            value = new BigDecimal(ether.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an amount of ether: '" + ether + "'");
        }
        BigDecimal wei = Convert.toWei(value, Convert.Unit.ETHER);
        if (value.signum() < 0 || wei.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("an amount must be positive with at most 18 decimals: '" + ether + "'");
        }
        return wei.toBigIntegerExact();
    }

    static String ether(BigInteger wei) {
        return Convert.fromWei(new BigDecimal(wei), Convert.Unit.ETHER).stripTrailingZeros().toPlainString() + " ETH";
    }

    /** An account address as typed: 0x and 40 hex digits, returned as given. */
    static String requireAddress(String address) {
        if (address == null || !address.strip().matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not an account address (0x and 40 hex digits): '" + address + "'");
        }
        return address.strip();
    }

    /** Engines advertise absolute http(s) URLs with a host; anything else is refused before it costs gas. */
    static void requireHttpUrl(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("the endpoint must be an http(s) URL with a host: '" + endpoint + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the endpoint is not a URL: " + e.getMessage());
        }
    }
}
