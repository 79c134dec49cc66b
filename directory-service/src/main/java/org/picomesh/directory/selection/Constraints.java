package org.picomesh.directory.selection;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.directory.engines.WeiAmount;

/** Why an engine fails a policy's hard constraints, in words a person reads: empty when it passes. */
final class Constraints {
    private Constraints() {}

    static List<String> reasons(Candidate c, PlacementPolicy.Constraints k) {
        List<String> reasons = new ArrayList<>();
        if (!"listed".equals(c.status())) {
            reasons.add("status is " + c.status() + ": only listed engines take new leases");
        }
        if (k.excludeEngines() != null && k.excludeEngines().contains(c.id())) {
            reasons.add("excluded by the policy");
        }
        BigInteger maxPrice = WeiAmount.parse("maxPrice", k.maxPrice());
        if (maxPrice != null && c.price().compareTo(maxPrice) > 0) {
            reasons.add("price " + c.price() + " wei/pico-hour is above the maximum " + maxPrice);
        }
        int minFree = k.minFreeCapacity() == null ? 1 : k.minFreeCapacity();
        if (c.freeCapacity() < minFree) {
            reasons.add("free capacity " + c.freeCapacity() + " is below " + minFree);
        }
        if (k.regions() != null && !k.regions().isEmpty() && !k.regions().contains(c.region())) {
            reasons.add("region '" + c.region() + "' is not one of " + k.regions());
        }
        if (k.maxLatencyMs() != null) {
            if (c.measuredLatencyMs() == null) {
                reasons.add("latency not measured yet (the advertised " + c.advertisedLatencyMs() + " ms is only a claim)");
            } else if (c.measuredLatencyMs() > k.maxLatencyMs()) {
                reasons.add("measured latency " + c.measuredLatencyMs() + " ms is above " + k.maxLatencyMs() + " ms");
            }
        }
        BigInteger minStake = WeiAmount.parse("minStake", k.minStake());
        if (minStake != null && c.stake().compareTo(minStake) < 0) {
            reasons.add("stake " + c.stake() + " wei is below " + minStake);
        }
        if (k.minAvailability() != null) {
            if (c.availability() == null) {
                reasons.add("availability not measured yet");
            } else if (c.availability() < k.minAvailability()) {
                reasons.add("measured availability " + c.availability() + " is below " + k.minAvailability());
            }
        }
        if (k.trustList() != null && !c.trusted()) {
            reasons.add("not on trust list " + k.trustList());
        }
        return reasons;
    }
}
