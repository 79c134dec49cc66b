package org.picomesh.agent.migration;

import java.util.List;

/** Target side: the pico is imported and checked here, not yet live (the engine keeps it leaving). */
public record PicoArriving(String pico, List<String> ecis, long leaseId) {
    public PicoArriving {
        ecis = List.copyOf(ecis);
    }
}
