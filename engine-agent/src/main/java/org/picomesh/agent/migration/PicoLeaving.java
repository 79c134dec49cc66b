package org.picomesh.agent.migration;

import java.util.List;

/**
 * Source side: the pico is leaving this engine (published in the transaction that records it, before the engine marks
 * it): from now on its traffic is held, not lost. {@code ecis}: every ECI of the pico and its children.
 */
public record PicoLeaving(String pico, List<String> ecis, long leaseId) {
    public PicoLeaving {
        ecis = List.copyOf(ecis);
    }
}
