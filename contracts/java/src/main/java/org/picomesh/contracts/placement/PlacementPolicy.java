package org.picomesh.contracts.placement;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a pico asks of its host, as the JSON document {@code placement-policy.schema.json} describes it: hard
 * constraints, weights for what it prefers among the engines that pass them, and hysteresis (a margin the current
 * host is favoured by, and how often the pico may move). Every field is optional; {@link #withDefaults()} fills them.
 * Read one from JSON with {@link PolicyDocument#parse}, which validates it first.
 *
 * @param currentEngine the pico's host now: its score gets {@code hysteresis} added, so a pico does not move for a
 *     marginal gain
 * @param hysteresis the margin, 0 to 1 (default 0.05)
 * @param moves how long another engine must stay better, and how many moves a window allows
 * @param limit how many ranked candidates to return (default 10, at most 100)
 * @param maxExcluded how many excluded engines to list with their reasons (default 100; the total is always given)
 * @param prepaidSeconds how much hosting the pico's lease deposit pays for ahead, in seconds: when the lease opens
 *     and each time its agent tops it up from the pico's account (default a day)
 */
public record PlacementPolicy(Constraints constraints, Weights weights, Long currentEngine, Double hysteresis,
        Moves moves, Integer limit, Integer maxExcluded, Long prepaidSeconds) {

    /** A policy that leaves the prepaid period at its default. */
    public PlacementPolicy(Constraints constraints, Weights weights, Long currentEngine, Double hysteresis,
            Moves moves, Integer limit, Integer maxExcluded) {
        this(constraints, weights, currentEngine, hysteresis, moves, limit, maxExcluded, null);
    }

    /** Engines failing any of these are excluded, each with its reasons. */
    public record Constraints(String maxPrice, Integer minFreeCapacity, List<String> regions, Double maxLatencyMs,
            String minStake, Double minAvailability, Long trustList, List<Long> trustLists, List<Long> excludeEngines) {
        static final Constraints NONE = new Constraints(null, null, null, null, null, null, null, null, null);

        /** Every trust list an engine must be on ({@code trustList} and {@code trustLists} together). */
        public Set<Long> requiredTrustLists() {
            Set<Long> lists = new LinkedHashSet<>();
            if (trustList != null) {
                lists.add(trustList);
            }
            if (trustLists != null) {
                lists.addAll(trustLists);
            }
            return lists;
        }
    }

    /** How much cost, latency, availability, stake and free capacity count (0 to 100 each; their ratios matter). */
    public record Weights(Double cost, Double latency, Double availability, Double stake, Double freeCapacity) {}

    /**
     * When a pico may move: another engine must rank first (despite the margin) for {@code sustainedSeconds}, at
     * most {@code maxMoves} moves in any {@code windowSeconds}, and never two moves within {@code cooldownSeconds}.
     */
    public record Moves(Long sustainedSeconds, Integer maxMoves, Long windowSeconds, Long cooldownSeconds) {
        public Duration sustained() {
            return Duration.ofSeconds(sustainedSeconds);
        }

        public Duration window() {
            return Duration.ofSeconds(windowSeconds);
        }

        public Duration cooldown() {
            return Duration.ofSeconds(cooldownSeconds);
        }
    }

    public static final Weights DEFAULT_WEIGHTS = new Weights(0.35, 0.25, 0.25, 0.1, 0.05);
    public static final Moves DEFAULT_MOVES = new Moves(60L, 3, 86_400L, 600L);
    public static final double DEFAULT_HYSTERESIS = 0.05;
    public static final long DEFAULT_PREPAID_SECONDS = 86_400;

    /** A policy with nothing set: every default. */
    public static PlacementPolicy none() {
        return new PlacementPolicy(null, null, null, null, null, null, null).withDefaults();
    }

    /** This policy with every absent field at its default (the fields of {@code moves} one by one). */
    public PlacementPolicy withDefaults() {
        Moves m = moves == null ? DEFAULT_MOVES : moves;
        Moves filled = new Moves(or(m.sustainedSeconds(), DEFAULT_MOVES.sustainedSeconds()),
                or(m.maxMoves(), DEFAULT_MOVES.maxMoves()), or(m.windowSeconds(), DEFAULT_MOVES.windowSeconds()),
                or(m.cooldownSeconds(), DEFAULT_MOVES.cooldownSeconds()));
        return new PlacementPolicy(constraints == null ? Constraints.NONE : constraints,
                weights == null ? DEFAULT_WEIGHTS : weights, currentEngine, or(hysteresis, DEFAULT_HYSTERESIS), filled,
                or(limit, 10), or(maxExcluded, 100), or(prepaidSeconds, DEFAULT_PREPAID_SECONDS));
    }

    /** The same policy for a pico hosted by {@code engineId} now. */
    public PlacementPolicy withCurrentEngine(Long engineId) {
        return new PlacementPolicy(constraints, weights, engineId, hysteresis, moves, limit, maxExcluded,
                prepaidSeconds);
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
