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
        List<Ranked> ranked = score(eligible, policy);
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparingLong(Ranked::id));
        return new Result(ranked.subList(0, Math.min(policy.limit(), ranked.size())), excluded, excludedTotal,
                engines.size());
    }

    private static List<Ranked> score(List<Candidate> eligible, PlacementPolicy policy) {
        PlacementPolicy.Weights w = policy.weights();
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("cost", orZero(w.cost()));
        weights.put("latency", orZero(w.latency()));
        weights.put("availability", orZero(w.availability()));
        weights.put("stake", orZero(w.stake()));
        weights.put("freeCapacity", orZero(w.freeCapacity()));
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        Normaliser cost = Normaliser.lowerIsBetter(eligible, c -> c.price().doubleValue());
        Normaliser latency = Normaliser.lowerIsBetter(eligible, Selector::latency);
        Normaliser stake = Normaliser.higherIsBetter(eligible, c -> Math.log1p(c.stake().doubleValue() / 1e18));
        Normaliser free = Normaliser.higherIsBetter(eligible, c -> c.freeCapacity());
        List<Ranked> ranked = new ArrayList<>();
        for (Candidate c : eligible) {
            Map<String, Double> values = Map.of("cost", cost.apply(c), "latency", latency.apply(c),
                    "availability", c.availability() == null ? 0 : c.availability(), "stake", stake.apply(c),
                    "freeCapacity", free.apply(c));
            double score = 0;
            for (var entry : weights.entrySet()) {
                score += total == 0 ? 0 : entry.getValue() / total * values.get(entry.getKey());
            }
            boolean current = policy.currentEngine() != null && policy.currentEngine() == c.id();
            double finalScore = score + (current ? policy.hysteresis() : 0);
            Map<String, Factor> factors = new LinkedHashMap<>();
            for (var entry : weights.entrySet()) {
                double part = total == 0 ? 0 : entry.getValue() / total * values.get(entry.getKey());
                factors.put(entry.getKey(), new Factor(round(values.get(entry.getKey())), round(entry.getValue()),
                        score == 0 ? 0 : round(part / score)));
            }
            ranked.add(new Ranked(c.id(), c.endpoint(), c.region(), round(finalScore), current, factors));
        }
        return ranked;
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
