package org.picomesh.agent.operator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import org.web3j.utils.Convert;

/** Amounts as people read them, and endpoint URLs as the registry should get them. */
final class Amounts {
    private Amounts() {}

    /** Wei in ether, exact: {@code 0.001 ETH}. */
    static String ether(BigInteger wei) {
        return Convert.fromWei(new BigDecimal(wei), Convert.Unit.ETHER).stripTrailingZeros().toPlainString() + " ETH";
    }

    /** Engines advertise absolute http(s) URLs with a host; anything else is refused before it costs gas. */
    static URI requireHttpUrl(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host: '" + endpoint + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the endpoint is not a URL: " + e.getMessage());
        }
    }
}
