package org.picomesh.agent.migration;

import java.util.List;

/** Target side: the acceptance is mined and the pico runs here. {@code leaseId} is the moved (source) lease. */
public record PicoArrived(String pico, List<String> ecis, long leaseId) {
    public PicoArrived {
        ecis = List.copyOf(ecis);
    }
}
