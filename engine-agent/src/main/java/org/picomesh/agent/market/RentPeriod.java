package org.picomesh.agent.market;

import com.fasterxml.jackson.databind.JsonNode;
import org.picomesh.agent.migration.Enrollment;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.springframework.stereotype.Component;

/**
 * How far ahead a hosted pico's rent is paid: the prepaid period its own policy names (the policy travels with the
 * pico, so a host it moved to keeps its terms, and a changed policy counts from the next top-up), else the period kept
 * when its lease was opened here by policy, else the default. A pico that cannot be read now (moving, its engine busy)
 * is paid by the kept period.
 */
@Component
class RentPeriod {
    private final PicoEngine engine;
    private final Enrollment hosted;
    private final RentTerms terms;

    RentPeriod(PicoEngine engine, Enrollment hosted, RentTerms terms) {
        this.engine = engine;
        this.hosted = hosted;
        this.terms = terms;
    }

    long prepaidSeconds(String pico) {
        JsonNode policy;
        try {
            policy = hosted.adminEci(pico).flatMap(engine::find).map(p -> engine.query(p, MarketRuleset.RID,
                    "policy")).orElse(null);
        } catch (RuntimeException e) {
            policy = null;
        }
        return of(policy, terms.prepaid(pico, PlacementPolicy.DEFAULT_PREPAID_SECONDS));
    }

    /** The period {@code policy} (the pico's document, or null) names, else {@code kept}. */
    static long of(JsonNode policy, long kept) {
        if (policy == null || !policy.isObject() || !policy.has("prepaidSeconds")) {
            return kept;
        }
        try {
            return PolicyDocument.parse(policy.toString()).prepaidSeconds();
        } catch (InvalidPolicyException e) {
            return kept;
        }
    }
}
