package org.picomesh.agent.migration;

import java.net.URI;
import java.util.List;

/**
 * Source side: the target's acceptance is mined; the pico lives at {@code to}, the target engine's advertised
 * endpoint. {@code leaseId} is the source lease, now ended.
 */
public record PicoMovedAway(String pico, List<String> ecis, long leaseId, URI to) {
    public PicoMovedAway {
        ecis = List.copyOf(ecis);
    }
}
