package org.picomesh.agent.advert;

import org.picomesh.agent.AgentProperties;

/**
 * The capacity the advert may truthfully promise. The registry counts the engine's active leases and refuses a lease
 * once they reach the advertised capacity, so the capacity is the total the market may lease, not the free slots:
 * the operator's maximum ({@code max-picos}) minus the picos on the engine that hold no lease here (put there
 * off-market, or left behind by a lease that ended), never below the leases active (the registry does not take back
 * a slot it gave), and at least 1 (the registry refuses a zero capacity: an engine that wants no lease unbonds).
 *
 * <p>Picos are not yet linked to their leases (the migration issue's {@code pico enroll} links them), so today no
 * pico on the engine is known to hold a lease ({@code leasedOnEngine} is 0) and every one of them counts as
 * off-market: the advert may under-promise once leased picos arrive on the engine, never over-promise.
 *
 * @param maxPicos the operator's maximum
 * @param enginePicos the picos on the engine now (its census)
 * @param leasedOnEngine those of them that hold an active lease here
 * @param activeLeases the leases on this engine that have not ended
 */
record CapacityPlan(long maxPicos, long enginePicos, long leasedOnEngine, long activeLeases) {

    /** The picos on the engine that take room without a lease here. */
    long offMarket() {
        return Math.max(0, enginePicos - leasedOnEngine);
    }

    long capacity() {
        long capacity = Math.max(maxPicos - offMarket(), activeLeases);
        return Math.min(AgentProperties.MAX_CAPACITY, Math.max(1, capacity));
    }

    /** For the log line that says why the capacity changed. */
    String explained() {
        return String.format("%d pico(s) on the engine, %d of them without a lease here; %d lease(s) active; at most "
                + "%d", enginePicos, offMarket(), activeLeases, maxPicos);
    }
}
