package org.picomesh.agent.migration;

import java.util.List;

/**
 * Target side: the move here ended without acceptance (rejected, expired, its request gone) and what was imported is
 * deleted; the pico lives on its source. {@code leaseId} is the lease that was to move.
 */
public record PicoTurnedAway(String pico, List<String> ecis, long leaseId, String reason) {
    public PicoTurnedAway {
        ecis = List.copyOf(ecis);
    }
}
