package org.picomesh.agent.market;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What proves to a pico's {@code org.picomesh.market} that an event is its agent's: the HMAC-SHA256 of the ruleset's
 * id keyed by the pico's market key as its entity variable holds it (0x and 64 lower-case hex digits), as the KRL
 * computes it with {@code math:hmac}. It needs the key, which only the agent hosting the pico reads (on the root pico),
 * and it tells nothing of the key. No state of its own: a pico enrolled by an older build, or moved in, already has
 * what it derives from.
 */
final class AgentToken {
    static final String ATTRIBUTE = "agent_token";

    private AgentToken() {}

    static String of(PicoKey key) {
        String text = PicoKeys.hex(key);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(text.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(MarketRuleset.RID.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
