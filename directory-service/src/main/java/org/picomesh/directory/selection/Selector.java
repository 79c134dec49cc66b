package org.picomesh.directory.selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Ranks engines for a pico's policy: excludes those that fail a constraint (saying which and why), then
 * scores the rest by weighted factors, each normalised to 0-1 across the remaining candidates.
 */
final class Selector {
    record Factor(double value, double weight, double share) {}

    record Ranked(long id, String endpoint, String region, double score, boolean currentHost, Map<String, Factor> factors) {}

    record Excluded(long id, String endpoint, List<String> reasons) {}

    record Result(List<Ranked> candidates, List<Excluded> excluded, int excludedTotal, int considered) {}

    /** The factors in the order of {@code best}'s arrays. */
    private static final List<String> FACTORS = List.of("cost", "latency", "availability", "stake", "freeCapacity");

    private Selector() {}

    static Result select(List<Candidate> engines, PlacementPolicy policy, Constraints constraints) {
        List<Candidate> eligible = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        int excludedTotal = 0;
        for (Candidate c : engines) {
            if (constraints.passes(c)) {
                eligible.add(c);
            } else if (excludedTotal++ < policy.maxExcluded()) {
                excluded.add(new Excluded(c.id(), c.endpoint(), constraints.reasons(c)));
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
                        scores[i] == 0 ? 0 : round(part / scores[i])));
            }
            ranked.add(new Ranked(c.id(), c.endpoint(), c.region(), finalScores[i], current(c, policy), shares));
        }
        return ranked;
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

    /** Measured median latency where this directory has measured it, the engine's claim otherwise. */
    static double latency(Candidate c) {
        return c.measuredLatencyMs() != null ? c.measuredLatencyMs() : c.advertisedLatencyMs();
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
