package org.picomesh.agent.migration;

import java.util.EnumSet;
import java.util.Set;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.follow.MarketListener;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the chain says about moves, recorded in the follower's transaction (so exactly once, in chain order): a move
 * asked of a pico hosted here opens a source journal, one asked to this engine a target journal; acceptance and its
 * alternatives (rejection, expiry, cancellation) set the next action, which the {@link MoveWorker} then takes. Nothing
 * here calls the engine or another agent: the follower never waits on them.
 */
@Component
class MoveFollower implements MarketListener {
    private static final Logger log = LoggerFactory.getLogger(MoveFollower.class);
    /** States from which a chain end (reject, expiry, cancel) rolls a source move back. */
    private static final Set<MoveState> SOURCE_OPEN = EnumSet.of(MoveState.REQUESTED, MoveState.LEAVING,
            MoveState.SEALED, MoveState.OFFERED);

    private final MoveRepository moves;
    private final HostedPicoRepository picos;
    private final MoveMetrics metrics;
    private final long engineId;

    MoveFollower(MoveRepository moves, HostedPicoRepository picos, MoveMetrics metrics, AgentProperties properties) {
        this.moves = moves;
        this.picos = picos;
        this.metrics = metrics;
        this.engineId = properties.engineId();
    }

    @Override
    public void apply(Located<MarketEvent> located) {
        MarketEvent event = located.event();
        if (event instanceof MarketEvent.LeaseOpened opened && opened.engineId() == engineId) {
            picos.findById(opened.pico()).ifPresent(p -> p.leased(opened.leaseId()));
        } else if (event instanceof MarketEvent.MoveRequested requested) {
            requested(requested, located.blockNumber());
        } else if (event instanceof MarketEvent.MoveAccepted accepted) {
            accepted(accepted);
        } else if (event instanceof MarketEvent.MoveRejected rejected) {
            ended(rejected.leaseId(), "rejected by the target: " + Reasons.clean(rejected.reason()));
        } else if (event instanceof MarketEvent.MoveExpired expired) {
            ended(expired.leaseId(), "the move window ran out");
        } else if (event instanceof MarketEvent.MoveCancelled cancelled) {
            ended(cancelled.leaseId(), "the lease ended");
        }
    }

    private void requested(MarketEvent.MoveRequested event, long block) {
        var hosted = picos.findByLeaseId(event.leaseId());
        if (hosted.isPresent() && moves.findBySideAndLeaseId(Side.SOURCE, event.leaseId()).isEmpty()) {
            Move move = new Move(Side.SOURCE, event.leaseId(), event.pico(), event.toEngineId(), event.deadline(),
                    block, MoveState.REQUESTED);
            move.adminEci(hosted.get().adminEci());
            move.fromEngineId(engineId);
            moves.save(move);
            metrics.started(Side.SOURCE);
            log.info("pico {} (lease {}) is to move to engine {}", event.pico(), event.leaseId(), event.toEngineId());
        }
        if (event.toEngineId() == engineId && moves.findBySideAndLeaseId(Side.TARGET, event.leaseId()).isEmpty()) {
            moves.save(new Move(Side.TARGET, event.leaseId(), event.pico(), engineId, event.deadline(), block,
                    MoveState.AWAITING_OFFER));
            metrics.started(Side.TARGET);
            log.info("pico {} (lease {}) is to move here: waiting for its offer", event.pico(), event.leaseId());
        }
    }

    private void accepted(MarketEvent.MoveAccepted event) {
        moves.findBySideAndLeaseId(Side.SOURCE, event.fromLeaseId()).filter(m -> SOURCE_OPEN.contains(m.state()))
                .ifPresent(m -> {
                    m.toLeaseId(event.toLeaseId());
                    m.to(MoveState.ACCEPTED, "lease " + event.toLeaseId());
                });
        moves.findBySideAndLeaseId(Side.TARGET, event.fromLeaseId()).filter(m -> m.state() == MoveState.IMPORTED)
                .ifPresent(m -> {
                    m.toLeaseId(event.toLeaseId());
                    m.to(MoveState.ACCEPTED, "lease " + event.toLeaseId());
                });
    }

    private void ended(long leaseId, String reason) {
        moves.findBySideAndLeaseId(Side.SOURCE, leaseId).filter(m -> SOURCE_OPEN.contains(m.state())).ifPresent(m -> {
            m.because(reason);
            m.to(MoveState.ROLLING_BACK, reason);
        });
        moves.findBySideAndLeaseId(Side.TARGET, leaseId).filter(m -> !m.state().terminal()
                && m.state() != MoveState.ACCEPTED).ifPresent(m -> {
                    if (m.reason() == null || m.state() != MoveState.REJECTING) {
                        m.because(reason);
                    }
                    m.to(MoveState.DISCARDING, reason);
                });
    }

    /** Moves are not rewound yet: a reorganisation deep enough to drop a move's events needs confirmations > 0. */
    @Override
    public void rewind(long block) {
        log.debug("rewind to block {}: move journals keep their state", block);
    }
}
