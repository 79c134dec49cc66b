package org.picomesh.contracts.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Ranks engines for a pico's policy: excludes those that fail a constraint (saying which and why), then scores the
 * rest by weighted factors, each normalised to 0-1 across the remaining candidates. Pure: the directory (over its
 * index) and an agent (over the chain and its own probes) give the same answer for the same candidates.
 */
public final class Ranking {
    /**
     * One factor of a candidate's score: its normalised value, its weight, its share of the score, and where the
     * figure came from ({@code onchain}, {@code advertised} by the engine, or {@code measured} by whoever ranks).
     */
    public record Factor(double value, double weight, double share, String source) {}

    public record Ranked(long id, String endpoint, String region, double score, boolean currentHost,
            Map<String, Factor> factors) {}

    /**
     * An engine that fails a hard constraint: the reasons in words, and the same reasons with their codes and figures
     * ({@code exclusions}, in the same order) for programs, which never read the words.
     */
    public record Excluded(long id, String endpoint, List<String> reasons, List<Exclusion> exclusions) {}

    public record Result(List<Ranked> candidates, List<Excluded> excluded, int excludedTotal, int considered) {
        /** The best candidate, if any engine passes. */
        public Ranked best() {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
    }

    /** The factors in the order of {@code best}'s arrays. */
    public static final List<String> FACTORS = List.of("cost", "latency", "availability", "stake", "freeCapacity");

    private Ranking() {}

    /** Ranks {@code engines} for {@code policy} (defaults filled); {@code trustList} gives a trust list's engines. */
    public static Result select(List<Candidate> engines, PlacementPolicy policy, LongFunction<Set<Long>> trustList) {
        return select(engines, policy, HardConstraints.of(policy.constraints(), trustList));
    }

    public static Result select(List<Candidate> engines, PlacementPolicy policy, HardConstraints constraints) {
        List<Candidate> eligible = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        int excludedTotal = 0;
        for (Candidate c : engines) {
            if (constraints.passes(c)) {
                eligible.add(c);
            } else if (excludedTotal++ < policy.maxExcluded()) {
                List<Exclusion> why = constraints.exclusions(c);
                excluded.add(new Excluded(c.id(), c.endpoint(), why.stream().map(Exclusion::reason).toList(), why));
            }
        }
        return new Result(best(eligible, policy), excluded, excludedTotal, engines.size());
    }

    /**
     * The {@code policy.limit()} best candidates, best first (ties by id). Each factor is worked out once per
     * candidate into an array and normalised in place; only the candidates returned get their factors spelled out.
     */
    private static List<Ranked> best(List<Candidate> eligible, PlacementPolicy policy) {
        PlacementPolicy.Weights w = policy.weights();
        double[] weights = {orZero(w.cost()), orZero(w.latency()), orZero(w.availability()), orZero(w.stake()),
                orZero(w.freeCapacity())};
        double total = Arrays.stream(weights).sum();
        int n = eligible.size();
        double[][] values = new double[FACTORS.size()][n];
        for (int i = 0; i < n; i++) {
            Candidate c = eligible.get(i);
            values[0][i] = c.price().doubleValue();
            values[1][i] = latency(c);
            values[2][i] = c.availability() == null ? 0 : c.availability(); // already 0-1
            values[3][i] = Math.log1p(c.stake().doubleValue() / 1e18);
            values[4][i] = c.freeCapacity();
        }
        normalise(values[0], true);
        normalise(values[1], true);
        normalise(values[3], false);
        normalise(values[4], false);
        double[] scores = new double[n];
        double[] finalScores = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < weights.length; k++) {
                scores[i] += total == 0 ? 0 : weights[k] / total * values[k][i];
            }
            finalScores[i] = round(scores[i] + (current(eligible.get(i), policy) ? policy.hysteresis() : 0));
        }
        Comparator<Integer> better = Comparator.<Integer>comparingDouble(i -> -finalScores[i])
                .thenComparingLong(i -> eligible.get(i).id());
        PriorityQueue<Integer> kept = new PriorityQueue<>(better.reversed()); // the worst kept one on top
        for (int i = 0; i < n; i++) {
            kept.add(i);
            if (kept.size() > policy.limit()) {
                kept.poll();
            }
        }
        List<Ranked> ranked = new ArrayList<>();
        for (int i : kept.stream().sorted(better).toList()) {
            Candidate c = eligible.get(i);
            Map<String, Factor> shares = new LinkedHashMap<>();
            for (int k = 0; k < weights.length; k++) {
                double part = total == 0 ? 0 : weights[k] / total * values[k][i];
                shares.put(FACTORS.get(k), new Factor(round(values[k][i]), round(weights[k]),
                        scores[i] == 0 ? 0 : round(part / scores[i]), source(k, c)));
            }
            ranked.add(new Ranked(c.id(), c.endpoint(), c.region(), finalScores[i], current(c, policy), shares));
        }
        return ranked;
    }

    /** Where factor {@code k}'s figure came from, in the words of the directory's provenance labels. */
    private static String source(int k, Candidate c) {
        return switch (k) {
            case 1 -> c.measuredLatencyMs() != null ? "measured" : "advertised";
            case 2 -> "measured";
            default -> "onchain";
        };
    }

    /** Maps raw figures to 0-1 in place: 1 for the best, 0 for the worst, all 1 when they are all equal. */
    private static void normalise(double[] raw, boolean lowerIsBetter) {
        double min = Arrays.stream(raw).min().orElse(0);
        double max = Arrays.stream(raw).max().orElse(0);
        for (int i = 0; i < raw.length; i++) {
            double position = max == min ? (lowerIsBetter ? 0 : 1) : (raw[i] - min) / (max - min);
            raw[i] = lowerIsBetter ? 1 - position : position;
        }
    }

    private static boolean current(Candidate c, PlacementPolicy policy) {
        return policy.currentEngine() != null && policy.currentEngine() == c.id();
    }

    /** Measured median latency where the ranker has measured it, the engine's claim otherwise. */
    public static double latency(Candidate c) {
        return c.measuredLatencyMs() != null ? c.measuredLatencyMs() : c.advertisedLatencyMs();
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
