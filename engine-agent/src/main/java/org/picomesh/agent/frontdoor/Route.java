package org.picomesh.agent.frontdoor;

import java.net.URI;
import java.time.Instant;

/**
 * An ECI's route as the front door's hot path reads it (from {@link RouteCache}).
 *
 * @param movedTo the new host's advertised endpoint, once moved
 * @param movedUntil the end of the grace period during which calls are still redirected or forwarded there
 */
record Route(String pico, long leaseId, RouteState state, URI movedTo, Instant movedUntil) {

    Route to(RouteState next) {
        return new Route(pico, leaseId, next, movedTo, movedUntil);
    }
}
