package org.picomesh.agent.migration;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.follow.MarketListener;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What the chain says about moves, recorded in the follower's transaction (so exactly once, in chain order), each
 * transition with the block it came from: a move asked of a pico hosted here opens a source journal, one asked to
 * this engine a target journal; acceptance and its alternatives (rejection, expiry, cancellation) set the next
 * action, which the {@link MoveWorker} then takes. Nothing here calls the engine or another agent: the follower never
 * waits on them.
 *
 * <p>Reorganisations: the follower follows at the agent's {@code confirmations} depth, so a reorganisation that drops
 * a move's event reaches what the follower recorded; {@link #rewind} hands it to {@link MoveRewinder} (rules in
 * {@link MoveRewind}). An event mined again on the new branch then arrives again: a request opens a new move once the
 * undone one is over, an acceptance seen before only gets its new block (nothing is redone), and an end that finds
 * an acceptance taken back makes the move {@link MoveState#DIVERGED}. A lease whose target diverged and that is moved
 * to it again goes straight to accepting there: the target holds the pico already.
 */
@Component
class MoveFollower implements MarketListener {
    private static final Logger log = LoggerFactory.getLogger(MoveFollower.class);
    /** States from which a chain end (reject, expiry, cancel) rolls a source move back. */
    private static final Set<MoveState> SOURCE_OPEN = EnumSet.of(MoveState.REQUESTED, MoveState.LEAVING,
            MoveState.SEALED, MoveState.OFFERED);
    /** Source states after an acceptance; an end then means the acceptance was taken back. */
    private static final Set<MoveState> SOURCE_ACCEPTED = EnumSet.of(MoveState.ACCEPTED, MoveState.MOVED);
    /** Target states in which it has no acceptance on the chain, nor sent one. */
    private static final Set<MoveState> TARGET_BEFORE_ACCEPTANCE = EnumSet.of(MoveState.AWAITING_OFFER,
            MoveState.OFFERED, MoveState.IMPORTING, MoveState.IMPORTED, MoveState.REJECTING);

    private final MoveRepository moves;
    private final HostedPicoRepository picos;
    private final MoveMetrics metrics;
    private final MoveRewinder rewinder;
    private final ApplicationEventPublisher events;
    private final long engineId;

    MoveFollower(MoveRepository moves, HostedPicoRepository picos, MoveMetrics metrics, MoveRewinder rewinder,
            AgentProperties properties, ApplicationEventPublisher events) {
        this.events = events;
        this.moves = moves;
        this.picos = picos;
        this.metrics = metrics;
        this.rewinder = rewinder;
        this.engineId = properties.engineId();
    }

    @Override
    public void apply(Located<MarketEvent> located) {
        MarketEvent event = located.event();
        long block = located.blockNumber();
        if (event instanceof MarketEvent.LeaseOpened opened && opened.engineId() == engineId) {
            picos.findById(opened.pico()).ifPresent(p -> p.leased(opened.leaseId()));
        } else if (event instanceof MarketEvent.MoveRequested requested) {
            requested(requested, block);
        } else if (event instanceof MarketEvent.MoveAccepted accepted) {
            accepted(accepted, block);
        } else if (event instanceof MarketEvent.MoveRejected rejected) {
            ended(rejected.leaseId(), "rejected by the target: " + Reasons.clean(rejected.reason()), block);
        } else if (event instanceof MarketEvent.MoveExpired expired) {
            ended(expired.leaseId(), "the move window ran out", block);
        } else if (event instanceof MarketEvent.MoveCancelled cancelled) {
            ended(cancelled.leaseId(), "the lease ended", block);
        }
    }

    private void requested(MarketEvent.MoveRequested event, long block) {
        var hosted = picos.findByLeaseId(event.leaseId());
        if (hosted.isPresent() && opens(moves.findBySideAndLeaseId(Side.SOURCE, event.leaseId()))) {
            Move move = new Move(Side.SOURCE, event.leaseId(), event.pico(), event.toEngineId(), event.deadline(),
                    block, MoveState.REQUESTED);
            move.adminEci(hosted.get().adminEci());
            move.fromEngineId(engineId);
            moves.save(move);
            metrics.started(Side.SOURCE);
            log.info("pico {} (lease {}) is to move to engine {}", event.pico(), event.leaseId(), event.toEngineId());
        }
        if (event.toEngineId() != engineId) {
            return;
        }
        var latest = moves.findBySideAndLeaseId(Side.TARGET, event.leaseId());
        if (latest.filter(m -> !m.state().terminal() && m.requestedBlock() == 0).isPresent()) {
            latest.get().requestedBlock(block); // opened by the offer before the follower saw the request
        } else if (latest.filter(m -> m.state() == MoveState.DIVERGED).isPresent()) {
            Move move = new Move(Side.TARGET, event.leaseId(), event.pico(), engineId, event.deadline(), block,
                    MoveState.ACCEPTING);
            move.adminEci(latest.get().adminEci());
            move.ecis(latest.get().ecis());
            move.fromEngineId(latest.get().fromEngineId());
            moves.save(move);
            log.info("pico {} (lease {}) is to move here again: it is held here already, accepting", event.pico(),
                    event.leaseId());
        } else if (opens(latest)) {
            moves.save(new Move(Side.TARGET, event.leaseId(), event.pico(), engineId, event.deadline(), block,
                    MoveState.AWAITING_OFFER));
            metrics.started(Side.TARGET);
            log.info("pico {} (lease {}) is to move here: waiting for its offer", event.pico(), event.leaseId());
        }
    }

    /** A request opens a move unless one is open: a move undone by a reorganisation ends before the next starts. */
    private static boolean opens(Optional<Move> latest) {
        return latest.isEmpty() || latest.get().state().terminal() || latest.get().state() == MoveState.ROLLING_BACK
                || latest.get().state() == MoveState.DISCARDING;
    }

    private void accepted(MarketEvent.MoveAccepted event, long block) {
        String detail = "lease " + event.toLeaseId();
        moves.findBySideAndLeaseId(Side.SOURCE, event.fromLeaseId()).ifPresent(m -> {
            if (SOURCE_OPEN.contains(m.state()) || m.state() == MoveState.DIVERGED) {
                acceptedAt(m, event, block);
                m.to(m.state() == MoveState.DIVERGED ? MoveState.MOVED : MoveState.ACCEPTED, detail, block);
            } else if (SOURCE_ACCEPTED.contains(m.state()) && m.acceptedBlock() == null) {
                acceptedAt(m, event, block);
                m.noted("the acceptance is mined again: " + detail, block);
            }
        });
        moves.findBySideAndLeaseId(Side.TARGET, event.fromLeaseId()).filter(m -> m.state() == MoveState.IMPORTED
                || m.state() == MoveState.ACCEPTING).ifPresent(m -> {
                    acceptedAt(m, event, block);
                    m.to(MoveState.ACCEPTED, detail, block);
                    events.publishEvent(new AcceptanceSeen(m.id()));
                });
    }

    private static void acceptedAt(Move move, MarketEvent.MoveAccepted event, long block) {
        move.toLeaseId(event.toLeaseId());
        move.acceptedBlock(block);
    }

    private void ended(long leaseId, String reason, long block) {
        moves.findBySideAndLeaseId(Side.SOURCE, leaseId).ifPresent(m -> {
            if (SOURCE_OPEN.contains(m.state())) {
                m.because(reason);
                m.endedBlock(block);
                m.to(MoveState.ROLLING_BACK, reason, block);
            } else if (SOURCE_ACCEPTED.contains(m.state())) {
                divergedAt(m, reason, block);
            } else if (m.state() == MoveState.ROLLING_BACK || m.state() == MoveState.ROLLED_BACK) {
                m.endedBlock(block); // ended again after a reorganisation took the first end back
            }
        });
        moves.findBySideAndLeaseId(Side.TARGET, leaseId).ifPresent(m -> {
            if (TARGET_BEFORE_ACCEPTANCE.contains(m.state())) {
                if (m.reason() == null || m.state() != MoveState.REJECTING) {
                    m.because(reason);
                }
                m.endedBlock(block);
                m.to(MoveState.DISCARDING, reason, block);
            } else if (m.state() == MoveState.ACCEPTING) {
                divergedAt(m, reason, block);
            } else if (m.state() == MoveState.DISCARDING || m.state() == MoveState.REJECTED) {
                m.endedBlock(block);
            }
        });
    }

    private void divergedAt(Move move, String reason, long block) {
        String why = "ended after its acceptance left the chain: " + reason;
        move.endedBlock(block);
        move.to(MoveState.DIVERGED, why, block);
        rewinder.diverged(move, why);
    }

    @Override
    public void rewind(long block) {
        rewinder.rewind(block);
    }
}
