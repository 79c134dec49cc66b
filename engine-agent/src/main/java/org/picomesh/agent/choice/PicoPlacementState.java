package org.picomesh.agent.choice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.picomesh.agent.market.MarketEvents;
import org.picomesh.agent.migration.Enrollment;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.contracts.PicoDid;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.picomesh.contracts.placement.PolicyProblem;
import org.springframework.stereotype.Component;

/**
 * The placement policy and decisions a hosted pico keeps in its {@code org.picomesh.market} ruleset: read through
 * its shared functions, written by events of the agent's own domain straight to the engine, which the pico takes
 * from its agent only ({@link MarketEvents}: the front door refuses that domain, and the pico's rules check the
 * agent's token, so no other pico's {@code event:send} writes them either).
 */
@Component
class PicoPlacementState {
    static final String RID = "org.picomesh.market";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PicoEngine engine;
    private final Enrollment hosted;
    private final MarketEvents events;

    PicoPlacementState(PicoEngine engine, Enrollment hosted, MarketEvents events) {
        this.engine = engine;
        this.hosted = hosted;
        this.events = events;
    }

    /** The hosted pico named by its DID, market address or an ECI it holds. */
    Optional<Pico> find(String name) {
        String address = address(name);
        if (address != null) {
            return hosted.adminEci(address).flatMap(engine::find);
        }
        return name != null && name.matches("[A-Za-z0-9]{1,64}") ? engine.find(name) : Optional.empty();
    }

    /** The market address a DID or an address names (lower case), or null when {@code name} is neither. */
    static String address(String name) {
        if (name == null) {
            return null;
        }
        if (name.matches("0x[0-9a-fA-F]{40}")) {
            return name.toLowerCase(Locale.ROOT);
        }
        if (name.startsWith("did:pkh:") && name.length() <= 120) {
            try {
                return PicoDid.parse(name).address().toLowerCase(Locale.ROOT);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** The policy document as the pico keeps it, or nothing. */
    Optional<JsonNode> policy(Pico pico) {
        JsonNode policy = engine.query(pico, RID, "policy");
        return policy == null || policy.isNull() || policy.isMissingNode() ? Optional.empty() : Optional.of(policy);
    }

    /** The policy document as plain maps and lists, for an answer; null when the pico has none. */
    Object policyDocument(Pico pico) {
        return policy(pico).map(node -> JSON.convertValue(node, Object.class)).orElse(null);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Newest first, at most the 50 the pico keeps. */
    List<Decision> decisions(Pico pico) {
        List<Decision> decisions = new ArrayList<>();
        JsonNode kept = engine.query(pico, RID, "decisions");
        if (kept != null && kept.isArray()) {
            kept.forEach(entry -> decisions.add(Decision.read(entry)));
        }
        return decisions;
    }

    /**
     * Validates {@code json} and gives it to the pico; the old policy stays when it is refused.
     *
     * @throws org.picomesh.contracts.placement.InvalidPolicyException naming each field that is wrong
     */
    PlacementPolicy give(Pico pico, String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidPolicyException(List.of(new PolicyProblem("", "no policy given")));
        }
        PlacementPolicy parsed = PolicyDocument.parse(json);
        events.raise(pico, "policy_set", Map.of("policy", json));
        return parsed;
    }

    void record(Pico pico, Decision decision) {
        events.raise(pico, "decision_made", decision.attrs());
    }
}
