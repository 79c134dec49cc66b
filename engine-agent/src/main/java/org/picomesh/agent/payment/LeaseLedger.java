package org.picomesh.agent.payment;

import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.follow.MarketListener;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.springframework.stereotype.Component;

/**
 * The leases on this agent's engine, from the escrow's events: opened (a move accepted opens one too) and ended. A
 * reorganisation undoes what the dropped blocks held: openings, ends, and the agent's own claims.
 */
@Component
class LeaseLedger implements MarketListener {
    private final HostedLeaseRepository leases;
    private final ClaimRepository claims;
    private final long engineId;

    LeaseLedger(HostedLeaseRepository leases, ClaimRepository claims, AgentProperties properties) {
        this.leases = leases;
        this.claims = claims;
        this.engineId = properties.engineId();
    }

    @Override
    public void apply(Located<MarketEvent> located) {
        MarketEvent event = located.event();
        if (event instanceof MarketEvent.LeaseOpened opened && opened.engineId() == engineId) {
            leases.save(new HostedLease(opened.leaseId(), opened.pico(), located.blockNumber()));
        } else if (event instanceof MarketEvent.LeaseClosed closed && closed.engineId() == engineId) {
            leases.findById(closed.leaseId()).ifPresent(l -> {
                l.ended(located.blockNumber());
                leases.save(l);
            });
        }
    }

    @Override
    public void rewind(long block) {
        leases.deleteOpenedAfter(block);
        leases.findEndedAfter(block).forEach(l -> {
            l.resumed();
            leases.save(l);
        });
        // a claim in the dropped blocks paid nothing on the chain that stays: what it settled is claimable again
        claims.deleteMinedAfter(block);
        leases.findSettledAfter(block).forEach(l -> {
            l.unsettled();
            leases.save(l);
        });
    }
}
