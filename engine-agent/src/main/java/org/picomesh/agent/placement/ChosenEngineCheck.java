package org.picomesh.agent.placement;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.agent.advert.AdvertCheck;
import org.picomesh.contracts.placement.Candidate;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.Ranking;
import org.springframework.stereotype.Component;

/**
 * The chain's word on an engine a ranking chose, asked again just before a pico pays: registered, listed (not halted
 * or unbonding), not slashed, priced within the policy's maximum, and advertising (at the endpoint the ranking gave)
 * the advert whose hash the registry holds. A directory's answer is a convenience; this is what the pico trusts.
 */
@Component
class ChosenEngineCheck {
    private final AdvertCheck adverts;
    private final ChainIndex index;

    ChosenEngineCheck(AdvertCheck adverts, ChainIndex index) {
        this.adverts = adverts;
        this.index = index;
    }

    /** Why the chain disagrees with choosing {@code ranked} for {@code policy}; empty when it agrees. */
    List<String> disagreements(Ranking.Ranked ranked, PlacementPolicy policy) {
        AdvertCheck.Checked checked;
        try {
            checked = adverts.check(ranked.id());
        } catch (AdvertCheck.Mismatch e) {
            return List.of(e.getMessage());
        }
        List<String> reasons = new ArrayList<>();
        if (!checked.engine().listed || checked.engine().halted) {
            reasons.add("not listed on the chain now (halted, or its stake under the minimum)");
        }
        if (checked.engine().unbonding.signum() > 0) {
            reasons.add("unbonding on the chain now");
        }
        if (slashed(ranked.id())) {
            reasons.add("slashed on the chain");
        }
        String max = policy.constraints().maxPrice();
        if (max != null && checked.engine().pricePerHour.compareTo(new BigInteger(max)) > 0) {
            reasons.add("price " + checked.engine().pricePerHour + " on the chain is above the maximum " + max);
        }
        if (ranked.endpoint() != null && !ranked.endpoint().equals(checked.advert().endpoint)) {
            reasons.add("the endpoint given is not the one engine " + ranked.id() + " advertises on the chain");
        }
        return reasons;
    }

    private boolean slashed(long engineId) {
        return index.snapshot().engines().stream().filter(c -> c.id() == engineId).map(Candidate::status)
                .anyMatch("slashed"::equals);
    }
}
