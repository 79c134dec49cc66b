package org.picomesh.agent.payment;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The payment feature's public face to the others: how many leases this engine hosts now, from the chain. */
@Component
public class HostedLeases {
    private final HostedLeaseRepository leases;

    HostedLeases(HostedLeaseRepository leases) {
        this.leases = leases;
    }

    /** The leases on this engine that have not ended, as far as the agent has followed the chain. */
    @Transactional(readOnly = true)
    public long active() {
        return leases.countActive();
    }
}
