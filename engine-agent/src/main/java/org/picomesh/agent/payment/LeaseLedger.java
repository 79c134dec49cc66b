package org.picomesh.agent.payment;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.follow.MarketListener;
import org.picomesh.contracts.follow.EndReason;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The leases on this agent's engine, from the escrow's events: opened (a move accepted opens one too) and ended, with
 * the reason. A lease that ended is no longer hosted here: it stops counting against the engine's capacity (see the
 * advert) and is only claimed from once more. Its pico is not yet linked to its channels (the migration issue's
 * {@code pico enroll} links them): once it is, the front door ({@code frontdoor.FrontDoorRoutes}) refuses the pico's
 * traffic from the end on (410 Gone, or a redirect to the engine it moved to), as the engine does for a moved pico.
 * A reorganisation undoes what the dropped blocks held: openings, ends, and the agent's own claims.
 */
@Component
class LeaseLedger implements MarketListener {
    private static final Logger log = LoggerFactory.getLogger(LeaseLedger.class);

    private final HostedLeaseRepository leases;
    private final ClaimRepository claims;
    private final long engineId;
    private final MeterRegistry meters;

    LeaseLedger(HostedLeaseRepository leases, ClaimRepository claims, AgentProperties properties,
            MeterRegistry meters) {
        this.leases = leases;
        this.claims = claims;
        this.engineId = properties.engineId();
        this.meters = meters;
    }

    @Override
    public void apply(Located<MarketEvent> located) {
        MarketEvent event = located.event();
        if (event instanceof MarketEvent.LeaseOpened opened && opened.engineId() == engineId) {
            leases.save(new HostedLease(opened.leaseId(), opened.pico(), located.blockNumber()));
        } else if (event instanceof MarketEvent.LeaseClosed closed && closed.engineId() == engineId) {
            leases.findById(closed.leaseId()).ifPresent(l -> ended(l, closed.reason(), located.blockNumber()));
        }
    }

    private void ended(HostedLease lease, EndReason reason, long block) {
        lease.ended(block, reason);
        leases.save(lease);
        String why = reason.name().toLowerCase(Locale.ROOT);
        meters.counter("picomesh.agent.leases.ended", "reason", why).increment();
        log.info("lease {} ended ({}) at block {}: no longer hosting pico {}", lease.id(), why, block, lease.pico());
    }

    @Override
    public void rewind(long block) {
        leases.deleteOpenedAfter(block);
        leases.findEndedAfter(block).forEach(l -> {
            l.resumed();
            leases.save(l);
            meters.counter("picomesh.agent.leases.resumed").increment();
            log.warn("lease {} is active again: the blocks that ended it left the chain; hosting pico {} again",
                    l.id(), l.pico());
        });
        // a claim in the dropped blocks paid nothing on the chain that stays: what it settled is claimable again
        claims.deleteMinedAfter(block);
        leases.findSettledAfter(block).forEach(l -> {
            l.unsettled();
            leases.save(l);
        });
    }
}
