package org.picomesh.agent.market;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The project's ruleset in every enrolled pico ({@code org.picomesh.market}): its source and its names. */
final class MarketRuleset {
    static final String RID = "org.picomesh.market";
    /** The entity variable that holds the key: read on the root pico only. */
    static final String KEY_VAR = "market_key";
    /** The event that gives the pico its key, once; the front door refuses its domain. */
    static final String DOMAIN = "picomesh";
    static final String KEY_GIVEN = "market_key_given";
    /** A pico whose events are logged would keep the key's event in its logs, which it shares. */
    static final String LOGGING_RID = "io.picolabs.logging";

    private MarketRuleset() {}

    static String source() {
        try (InputStream krl = MarketRuleset.class.getResourceAsStream("/picoengine/" + RID + ".krl")) {
            if (krl == null) {
                throw new IOException("no /picoengine/" + RID + ".krl");
            }
            return new String(krl.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the market ruleset is missing from the agent's jar", e);
        }
    }
}
