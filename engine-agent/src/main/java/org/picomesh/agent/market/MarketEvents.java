package org.picomesh.agent.market;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The agent's own events to an enrolled pico's {@code org.picomesh.market} ({@code picomesh/policy_set},
 * {@code picomesh/decision_made}): each carries the agent's token, which the pico's rules check (see
 * {@link AgentToken}), so that no other pico can raise them. The token is read once per pico and kept in memory only,
 * by the pico's admin ECI (which travels with it, as does its key); a pico that refuses it is read again once.
 */
@Component
public class MarketEvents {
    /** Far more picos than an engine hosts: past it the tokens are read again, none is kept forever. */
    private static final int KEPT = 4096;

    private final PicoEngine engine;
    private final PicoKeys keys;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    MarketEvents(PicoEngine engine, PicoKeys keys) {
        this.engine = engine;
        this.keys = keys;
    }

    /**
     * Raises {@code picomesh/type} in the pico with the agent's token; the pico's directives.
     *
     * @throws org.springframework.web.ErrorResponseException (409) when the pico holds no key or takes not this
     *     agent's token
     */
    public JsonNode raise(Pico pico, String type, Map<String, String> attrs) {
        JsonNode answer = send(pico, type, attrs, token(pico));
        if (taken(answer)) {
            return answer;
        }
        // a token read before the pico was enrolled again, say: the pico's key decides
        tokens.remove(pico.adminEci());
        answer = send(pico, type, attrs, token(pico));
        if (!taken(answer)) {
            throw new MarketRefusal(HttpStatus.CONFLICT, "pico " + pico.adminEci() + " did not take the agent's "
                    + MarketRuleset.DOMAIN + "/" + type + " (does it run " + MarketRuleset.RID + " of this build?)");
        }
        return answer;
    }

    private JsonNode send(Pico pico, String type, Map<String, String> attrs, String token) {
        Map<String, String> signed = new HashMap<>(attrs);
        signed.put(AgentToken.ATTRIBUTE, token);
        return engine.signal(pico, MarketRuleset.DOMAIN, type, signed);
    }

    private String token(Pico pico) {
        if (tokens.size() > KEPT) {
            tokens.clear();
        }
        return tokens.computeIfAbsent(pico.adminEci(), eci -> AgentToken.of(keys.keyOf(pico)));
    }

    /** The fenced rules answer only when they took the event. */
    private static boolean taken(JsonNode answer) {
        return answer != null && answer.path("directives").size() > 0;
    }
}
