package org.picomesh.agent.market;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.contracts.PicoDid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;

/**
 * Gives a pico its market key and reads it back for a signature. The key is made here, handed to the pico's ruleset
 * once (an event straight to the engine on loopback) and from then on read from the pico's own state through the root
 * pico; it is never stored, logged or returned by the agent.
 */
@Component
class PicoKeys {
    private static final Logger log = LoggerFactory.getLogger(PicoKeys.class);

    /** What enrolment found or made. */
    record Identity(String address, PicoDid did, boolean made) {}

    private final PicoEngine engine;
    private final String source = MarketRuleset.source();

    PicoKeys(PicoEngine engine) {
        this.engine = engine;
    }

    /** Installs the market ruleset and gives the pico a key unless it has one (then that one is kept). */
    Identity enrol(Pico pico, long chainId) {
        engine.install(pico, MarketRuleset.RID, source);
        Optional<PicoKey> kept = read(pico);
        if (kept.isPresent()) {
            return identity(pico, kept.get(), chainId, false);
        }
        refuseWhenLogged(pico);
        PicoKey made = make();
        PicoDid did = new PicoDid(chainId, made.address());
        engine.signal(pico, MarketRuleset.DOMAIN, MarketRuleset.KEY_GIVEN, Map.of("key", hex(made), "address",
                made.address(), "did", did.toString()));
        PicoKey held = read(pico).orElseThrow(() -> new MarketRefusal(HttpStatus.CONFLICT, "pico " + pico.adminEci()
                + " did not keep its market key (is " + MarketRuleset.RID + " installed and enabled?)"));
        if (!held.address().equals(made.address())) {
            throw new MarketRefusal(HttpStatus.CONFLICT, "pico " + pico.adminEci() + " holds a market key this agent "
                    + "did not give it (address " + held.address() + "): enroll refused");
        }
        log.info("pico {} got its market key: address {}", pico.adminEci(), made.address());
        return identity(pico, held, chainId, true);
    }

    /** The key of the pico, which must be the key of {@code address}. */
    PicoKey keyOf(Pico pico, String address) {
        PicoKey key = read(pico).orElseThrow(() -> new MarketRefusal(HttpStatus.CONFLICT, "pico " + address
                + " has no market key here: its key is its owner's (give it to the command line) or enroll it"));
        if (!key.address().equals(address)) {
            throw new MarketRefusal(HttpStatus.CONFLICT, "the pico under " + pico.adminEci() + " holds the key of "
                    + key.address() + ", not of " + address);
        }
        return key;
    }

    /** The key the pico holds: what its agent's token derives from ({@link AgentToken}). */
    PicoKey keyOf(Pico pico) {
        return read(pico).orElseThrow(() -> new MarketRefusal(HttpStatus.CONFLICT, "pico " + pico.adminEci()
                + " has no market key: enroll it (engine-agent pico enroll <eci>)"));
    }

    private Identity identity(Pico pico, PicoKey key, long chainId, boolean made) {
        JsonNode shared = engine.query(pico, MarketRuleset.RID, "address");
        if (!shared.asText("").equals(key.address())) {
            throw new MarketRefusal(HttpStatus.CONFLICT, "pico " + pico.adminEci() + " shares the address "
                    + shared.asText("(none)") + " but holds the key of " + key.address());
        }
        return new Identity(key.address(), new PicoDid(chainId, key.address()), made);
    }

    private Optional<PicoKey> read(Pico pico) {
        return engine.entvar(pico, MarketRuleset.RID, MarketRuleset.KEY_VAR).map(value -> {
            String hex = value.asText("");
            if (!hex.matches("0x[0-9a-f]{64}") || !WalletUtils.isValidPrivateKey(hex)) {
                throw new MarketRefusal(HttpStatus.CONFLICT, "pico " + pico.adminEci() + " holds a malformed market "
                        + "key");
            }
            return new PicoKey(Credentials.create(hex));
        });
    }

    /** The pico's logs (io.picolabs.logging on) would keep the event that carries the key, and it shares them. */
    private void refuseWhenLogged(Pico pico) {
        boolean logged = engine.entvar(pico, MarketRuleset.LOGGING_RID, "status").map(JsonNode::asBoolean)
                .orElse(false);
        if (logged) {
            throw new MarketRefusal(HttpStatus.CONFLICT, "pico " + pico.adminEci() + " logs its events "
                    + "(io.picolabs.logging is on), which would keep its market key in logs it shares: turn its "
                    + "logging off (event picolog/reset) and enroll again");
        }
    }

    private static PicoKey make() {
        try {
            ECKeyPair pair = Keys.createEcKeyPair();
            return new PicoKey(Credentials.create(pair));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key: " + e.getMessage(), e);
        }
    }

    static String hex(PicoKey key) {
        return Numeric.toHexStringWithPrefixZeroPadded(key.credentials().getEcKeyPair().getPrivateKey(), 64)
                .toLowerCase(Locale.ROOT);
    }
}
