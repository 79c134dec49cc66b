package org.picomesh.contracts.placement;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.picomesh.contracts.placement.Exclusion.Code;

/**
 * A policy's hard constraints, parsed once per selection: a fast test, and the reasons an engine fails it, each with
 * a code for programs and words for people (built only for the excluded engines an answer lists).
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

    /** The reasons {@code c} fails, in words (as {@link #exclusions} gives them). */
    public List<String> reasons(Candidate c) {
        return exclusions(c).stream().map(Exclusion::reason).toList();
    }

    /** Each constraint {@code c} fails: its code, the reason in words and the figures compared. */
    public List<Exclusion> exclusions(Candidate c) {
        List<Exclusion> why = new ArrayList<>();
        if (!EngineStatus.LISTED.equals(c.status())) {
            why.add(Exclusion.of(Code.NOT_LISTED, "status is " + c.status() + ": only listed engines take new leases"));
        }
        if (excludedEngines.contains(c.id())) {
            why.add(Exclusion.of(Code.EXCLUDED_BY_POLICY, "excluded by the policy"));
        }
        if (maxPrice != null && c.price().compareTo(maxPrice) > 0) {
            why.add(Exclusion.of(Code.PRICE_ABOVE_MAX, "price " + c.price() + " wei/pico-hour is above the maximum " + maxPrice,
                    c.price(), maxPrice));
        }
        if (c.freeCapacity() < minFree) {
            why.add(Exclusion.of(Code.FREE_CAPACITY_BELOW_MIN, "free capacity " + c.freeCapacity() + " is below " + minFree,
                    c.freeCapacity(), minFree));
        }
        if (regions != null && !regions.contains(c.region())) {
            why.add(new Exclusion(Code.REGION_NOT_ALLOWED.code(), "region '" + c.region() + "' is not one of " + k.regions(),
                    c.region(), null));
        }
        latency(c, why);
        if (minStake != null && c.stake().compareTo(minStake) < 0) {
            why.add(Exclusion.of(Code.STAKE_BELOW_MIN, "stake " + c.stake() + " wei is below " + minStake, c.stake(), minStake));
        }
        availability(c, why);
        trusted.forEach((list, engines) -> {
            if (!engines.contains(c.id())) {
                why.add(new Exclusion(Code.NOT_ON_TRUST_LIST.code(), "not on trust list " + list, null, String.valueOf(list)));
            }
        });
        return why;
    }

    private void latency(Candidate c, List<Exclusion> why) {
        if (k.maxLatencyMs() == null) {
            return;
        }
        if (c.measuredLatencyMs() == null) {
            why.add(Exclusion.of(Code.LATENCY_NOT_MEASURED,
                    "latency not measured yet (the advertised " + c.advertisedLatencyMs() + " ms is only a claim)"));
        } else if (c.measuredLatencyMs() > k.maxLatencyMs()) {
            why.add(Exclusion.of(Code.LATENCY_ABOVE_MAX,
                    "measured latency " + c.measuredLatencyMs() + " ms is above " + k.maxLatencyMs() + " ms",
                    c.measuredLatencyMs(), k.maxLatencyMs()));
        }
    }

    private void availability(Candidate c, List<Exclusion> why) {
        if (k.minAvailability() == null) {
            return;
        }
        if (c.availability() == null) {
            why.add(Exclusion.of(Code.AVAILABILITY_NOT_MEASURED, "availability not measured yet"));
        } else if (c.availability() < k.minAvailability()) {
            why.add(Exclusion.of(Code.AVAILABILITY_BELOW_MIN,
                    "measured availability " + c.availability() + " is below " + k.minAvailability(),
                    c.availability(), k.minAvailability()));
        }
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
