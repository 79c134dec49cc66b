package org.picomesh.directory.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

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
     * The {@code policy.limit()} best candidates, best first (ties by id). Every candidate is scored with plain
     * numbers; only those returned get their factors spelled out.
     */
    private static List<Ranked> best(List<Candidate> eligible, PlacementPolicy policy) {
        PlacementPolicy.Weights w = policy.weights();
        double[] weights = {orZero(w.cost()), orZero(w.latency()), orZero(w.availability()), orZero(w.stake()),
                orZero(w.freeCapacity())};
        double total = java.util.Arrays.stream(weights).sum();
        Normaliser cost = Normaliser.lowerIsBetter(eligible, c -> c.price().doubleValue());
        Normaliser latency = Normaliser.lowerIsBetter(eligible, Selector::latency);
        Normaliser stake = Normaliser.higherIsBetter(eligible, c -> Math.log1p(c.stake().doubleValue() / 1e18));
        Normaliser free = Normaliser.higherIsBetter(eligible, c -> c.freeCapacity());
        List<ToDoubleFunction<Candidate>> factors = List.of(cost::apply, latency::apply,
                c -> c.availability() == null ? 0 : c.availability(), stake::apply, free::apply);
        double[] scores = new double[eligible.size()];
        for (int i = 0; i < scores.length; i++) {
            Candidate c = eligible.get(i);
            scores[i] = round(score(c, factors, weights, total) + (current(c, policy) ? policy.hysteresis() : 0));
        }
        Comparator<Integer> better = Comparator.<Integer>comparingDouble(i -> -scores[i])
                .thenComparingLong(i -> eligible.get(i).id());
        return java.util.stream.IntStream.range(0, scores.length).boxed().sorted(better).limit(policy.limit())
                .map(i -> ranked(eligible.get(i), scores[i], factors, weights, total, policy)).toList();
    }

    private static double score(Candidate c, List<ToDoubleFunction<Candidate>> factors, double[] weights, double total) {
        double score = 0;
        for (int k = 0; k < weights.length; k++) {
            score += total == 0 ? 0 : weights[k] / total * factors.get(k).applyAsDouble(c);
        }
        return score;
    }

    private static boolean current(Candidate c, PlacementPolicy policy) {
        return policy.currentEngine() != null && policy.currentEngine() == c.id();
    }

    private static Ranked ranked(Candidate c, double finalScore, List<ToDoubleFunction<Candidate>> factors,
            double[] weights, double total, PlacementPolicy policy) {
        double score = score(c, factors, weights, total);
        Map<String, Factor> shares = new LinkedHashMap<>();
        for (int k = 0; k < weights.length; k++) {
            double value = factors.get(k).applyAsDouble(c);
            double part = total == 0 ? 0 : weights[k] / total * value;
            shares.put(FACTORS.get(k), new Factor(round(value), round(weights[k]), score == 0 ? 0 : round(part / score)));
        }
        return new Ranked(c.id(), c.endpoint(), c.region(), finalScore, current(c, policy), shares);
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

    /** Maps a raw figure to 0-1 across the candidates: 1 for the best, 0 for the worst. */
    private record Normaliser(ToDoubleFunction<Candidate> raw, double min, double max, boolean lowerIsBetter) {
        static Normaliser lowerIsBetter(List<Candidate> all, ToDoubleFunction<Candidate> raw) {
            return of(all, raw, true);
        }

        static Normaliser higherIsBetter(List<Candidate> all, ToDoubleFunction<Candidate> raw) {
            return of(all, raw, false);
        }

        private static Normaliser of(List<Candidate> all, ToDoubleFunction<Candidate> raw, boolean lowerIsBetter) {
            double min = all.stream().mapToDouble(raw).min().orElse(0);
            double max = all.stream().mapToDouble(raw).max().orElse(0);
            return new Normaliser(raw, min, max, lowerIsBetter);
        }

        double apply(Candidate c) {
            if (max == min) {
                return 1;
            }
            double position = (raw.applyAsDouble(c) - min) / (max - min);
            return lowerIsBetter ? 1 - position : position;
        }
    }
}
