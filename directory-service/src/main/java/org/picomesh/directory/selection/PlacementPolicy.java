package org.picomesh.directory.selection;

import java.util.List;
import org.picomesh.directory.api.BadRequestException;

/**
 * What a pico asks of its host: hard constraints, and weights for what it prefers among the hosts that
 * pass them. Every field is optional.
 *
 * @param constraints engines failing any of these are excluded, each with its reasons
 * @param weights how much cost, latency, availability, stake and free capacity count (each 0 to 100)
 * @param currentEngine the pico's host now: it gets {@code hysteresis} added to its score, so a pico does not
 *     move for a marginal gain
 * @param hysteresis the bonus of the current host, 0 to 1 (default 0.05)
 * @param limit how many ranked candidates to return (default 10, at most 100)
 * @param maxExcluded how many excluded engines to list with their reasons (default 100; the total is always given)
 */
public record PlacementPolicy(Constraints constraints, Weights weights, Long currentEngine, Double hysteresis,
        Integer limit, Integer maxExcluded) {

    public record Constraints(String maxPrice, Integer minFreeCapacity, List<String> regions, Double maxLatencyMs,
            String minStake, Double minAvailability, Long trustList, List<Long> excludeEngines) {}

    public record Weights(Double cost, Double latency, Double availability, Double stake, Double freeCapacity) {}

    static final Weights DEFAULT_WEIGHTS = new Weights(0.35, 0.25, 0.25, 0.1, 0.05);

    PlacementPolicy validated() {
        Weights w = weights == null ? DEFAULT_WEIGHTS : weights;
        for (Double weight : new Double[] {w.cost(), w.latency(), w.availability(), w.stake(), w.freeCapacity()}) {
            if (weight != null && !(weight >= 0 && weight <= 100)) {
                throw new BadRequestException("each weight must be from 0 to 100");
            }
        }
        double h = hysteresis == null ? 0.05 : hysteresis;
        if (!(h >= 0 && h <= 1)) {
            throw new BadRequestException("hysteresis must be from 0 to 1");
        }
        int n = limit == null ? 10 : limit;
        if (n < 1 || n > 100) {
            throw new BadRequestException("limit must be 1 to 100");
        }
        Constraints c = constraints == null ? new Constraints(null, null, null, null, null, null, null, null) : constraints;
        if (c.minAvailability() != null && !(c.minAvailability() >= 0 && c.minAvailability() <= 1)) {
            throw new BadRequestException("minAvailability is a ratio from 0 to 1");
        }
        if (c.regions() != null && c.regions().size() > 50) {
            throw new BadRequestException("at most 50 regions");
        }
        int excluded = maxExcluded == null ? 100 : maxExcluded;
        if (excluded < 0 || excluded > 100_000) {
            throw new BadRequestException("maxExcluded must be 0 to 100000");
        }
        return new PlacementPolicy(c, w, currentEngine, h, n, excluded);
    }
}
