package org.picomesh.agent.migration;

import java.util.List;

/** Source side: the move was rejected, expired or cancelled; the pico is live here again ({@code reason} says why). */
public record PicoStayed(String pico, List<String> ecis, long leaseId, String reason) {
    public PicoStayed {
        ecis = List.copyOf(ecis);
    }
}
