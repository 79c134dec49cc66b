package org.picomesh.directory.selection;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.picomesh.directory.engines.WeiAmount;

/**
 * A policy's hard constraints, parsed once per request: a fast test, and the reasons an engine fails it in
 * words a person reads (built only for the excluded engines the response lists).
 */
final class Constraints {
    private final PlacementPolicy.Constraints k;
    private final BigInteger maxPrice;
    private final BigInteger minStake;
    private final int minFree;
    private final Set<Long> trusted;
    /** The regions and excluded engines as sets: every candidate is tested against them. */
    private final Set<String> regions;
    private final Set<Long> excludedEngines;

    private Constraints(PlacementPolicy.Constraints k, Set<Long> trusted) {
        this.k = k;
        this.regions = k.regions() == null || k.regions().isEmpty() ? null : Set.copyOf(k.regions());
        this.excludedEngines = k.excludeEngines() == null ? Set.of() : Set.copyOf(k.excludeEngines());
        this.maxPrice = WeiAmount.parse("maxPrice", k.maxPrice());
        this.minStake = WeiAmount.parse("minStake", k.minStake());
        this.minFree = k.minFreeCapacity() == null ? 1 : k.minFreeCapacity();
        this.trusted = trusted;
    }

    static Constraints of(PlacementPolicy.Constraints k, Set<Long> trusted) {
        return new Constraints(k, trusted);
    }

    boolean passes(Candidate c) {
        return "listed".equals(c.status())
                && !excludedEngines.contains(c.id())
                && (maxPrice == null || c.price().compareTo(maxPrice) <= 0)
                && c.freeCapacity() >= minFree
                && (regions == null || regions.contains(c.region()))
                && (k.maxLatencyMs() == null || (c.measuredLatencyMs() != null && c.measuredLatencyMs() <= k.maxLatencyMs()))
                && (minStake == null || c.stake().compareTo(minStake) >= 0)
                && (k.minAvailability() == null || (c.availability() != null && c.availability() >= k.minAvailability()))
                && (trusted == null || trusted.contains(c.id()));
    }

    List<String> reasons(Candidate c) {
        List<String> reasons = new ArrayList<>();
        if (!"listed".equals(c.status())) {
            reasons.add("status is " + c.status() + ": only listed engines take new leases");
        }
        if (k.excludeEngines() != null && k.excludeEngines().contains(c.id())) {
            reasons.add("excluded by the policy");
        }
        if (maxPrice != null && c.price().compareTo(maxPrice) > 0) {
            reasons.add("price " + c.price() + " wei/pico-hour is above the maximum " + maxPrice);
        }
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
        if (trusted != null && !trusted.contains(c.id())) {
            reasons.add("not on trust list " + k.trustList());
        }
        return reasons;
    }
}
