package org.picomesh.contracts.placement;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * A policy's hard constraints, parsed once per selection: a fast test, and the reasons an engine fails it in words a
 * person reads (built only for the excluded engines an answer lists).
 */
public final class HardConstraints {
    private final PlacementPolicy.Constraints k;
    private final BigInteger maxPrice;
    private final BigInteger minStake;
    private final int minFree;
    /** Each required trust list with its engines. */
    private final Map<Long, Set<Long>> trusted = new LinkedHashMap<>();
    private final Set<String> regions;
    private final Set<Long> excludedEngines;

    private HardConstraints(PlacementPolicy.Constraints k, LongFunction<Set<Long>> trustList) {
        this.k = k;
        this.regions = k.regions() == null || k.regions().isEmpty() ? null : Set.copyOf(k.regions());
        this.excludedEngines = k.excludeEngines() == null ? Set.of() : Set.copyOf(k.excludeEngines());
        this.maxPrice = wei("constraints.maxPrice", k.maxPrice());
        this.minStake = wei("constraints.minStake", k.minStake());
        this.minFree = k.minFreeCapacity() == null ? 1 : k.minFreeCapacity();
        k.requiredTrustLists().forEach(list -> trusted.put(list, trustList.apply(list)));
    }

    /** The constraints of {@code k}, with {@code trustList} giving the engines of each list they require. */
    public static HardConstraints of(PlacementPolicy.Constraints k, LongFunction<Set<Long>> trustList) {
        return new HardConstraints(k, trustList);
    }

    public boolean passes(Candidate c) {
        return EngineStatus.LISTED.equals(c.status())
                && !excludedEngines.contains(c.id())
                && (maxPrice == null || c.price().compareTo(maxPrice) <= 0)
                && c.freeCapacity() >= minFree
                && (regions == null || regions.contains(c.region()))
                && (k.maxLatencyMs() == null || (c.measuredLatencyMs() != null && c.measuredLatencyMs() <= k.maxLatencyMs()))
                && (minStake == null || c.stake().compareTo(minStake) >= 0)
                && (k.minAvailability() == null || (c.availability() != null && c.availability() >= k.minAvailability()))
                && trusted.values().stream().allMatch(engines -> engines.contains(c.id()));
    }

    public List<String> reasons(Candidate c) {
        List<String> reasons = new ArrayList<>();
        if (!EngineStatus.LISTED.equals(c.status())) {
            reasons.add("status is " + c.status() + ": only listed engines take new leases");
        }
        if (excludedEngines.contains(c.id())) {
            reasons.add("excluded by the policy");
        }
        if (maxPrice != null && c.price().compareTo(maxPrice) > 0) {
            reasons.add("price " + c.price() + " wei/pico-hour is above the maximum " + maxPrice);
        }
        if (c.freeCapacity() < minFree) {
            reasons.add("free capacity " + c.freeCapacity() + " is below " + minFree);
        }
        if (regions != null && !regions.contains(c.region())) {
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
        trusted.forEach((list, engines) -> {
            if (!engines.contains(c.id())) {
                reasons.add("not on trust list " + list);
            }
        });
        return reasons;
    }

    private static BigInteger wei(String path, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigInteger(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(path, "must be a whole number of wei")));
        }
    }
}
