package org.picomesh.contracts.placement;

import java.math.BigInteger;

/**
 * An engine as placement sees it: the numbers it filters and scores by. Status, price, stake and free capacity come
 * from the chain; endpoint, region and advertised latency are the engine's own claims; measured latency (a median,
 * ms) and availability (0-1) are whatever the caller measured, null when it has not.
 */
public record Candidate(long id, String status, String endpoint, String region, BigInteger price, BigInteger stake,
        long freeCapacity, long advertisedLatencyMs, Double measuredLatencyMs, Double availability) {

    /** The same engine with measurements (the agent probes its shortlist after the chain gave the rest). */
    public Candidate measured(Double latencyMs, Double availabilityRatio) {
        return new Candidate(id, status, endpoint, region, price, stake, freeCapacity, advertisedLatencyMs, latencyMs,
                availabilityRatio);
    }
}
