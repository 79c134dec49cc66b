package org.picomesh.agent.whereabouts;

/**
 * Where a pico lives, per the chain at block {@code atBlock}: its lease, the engine, the endpoint that engine's
 * advert in force names (null when the advert names no usable URL), and a pending move, if any.
 *
 * @param advertHash the hash the registry holds for the engine's advert, which the advert read was checked against
 */
public record Whereabouts(String did, String pico, long leaseId, long engineId, String endpoint, String advertHash,
        PendingMove pendingMove, long atBlock) {

    /** A move the pico asked for that the target has not accepted yet; it expires at {@code deadline} (epoch s). */
    public record PendingMove(long toEngineId, String endpoint, long deadline) {}
}
