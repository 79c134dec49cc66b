package org.picomesh.agent.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.TransactionFailed;
import org.picomesh.agent.follow.ChainFollowed;
import org.picomesh.agent.picoengine.PicoEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Takes the moves' due steps on a thread of its own, never the scheduler's that follows the chain. A step that fails
 * for a passing reason is tried again with a doubling back-off, a bounded number of times; then (or at once for a
 * lasting reason) a target rejects the move, a source waits for the chain to end it. A move whose window ran out (by
 * the chain's clock) is expired by either side.
 */
@Component
class MoveWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MoveWorker.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    /** The longest back-off, in polls: 20 s at the default poll, so an expiry is never noticed much later. */
    private static final int LONGEST_RETRY_POLLS = 40;
    /** Steps of one move taken back to back in a round: a step whose successor is due at once does not wait a poll. */
    private static final int CHAINED_STEPS = 8;
    /** States in which the move window still matters: before the acceptance (as this side saw it) or an end. */
    private static final Set<MoveState> EXPIRABLE = EnumSet.of(MoveState.REQUESTED, MoveState.LEAVING,
            MoveState.SEALED, MoveState.OFFERED, MoveState.AWAITING_OFFER, MoveState.IMPORTING, MoveState.IMPORTED,
            MoveState.ACCEPTING);
    /**
     * Target states a failure turns into a rejection. Not ACCEPTING: an acceptance was mined, and the pico may have
     * run here before a reorganisation took it back; the chain ends it (expiry) instead.
     */
    private static final Set<MoveState> REJECTABLE = EnumSet.of(MoveState.AWAITING_OFFER, MoveState.OFFERED,
            MoveState.IMPORTING, MoveState.IMPORTED);

    private final MoveJournal journal;
    private final TargetJournal targetJournal;
    private final SourceSteps source;
    private final TargetSteps target;
    private final MoveChain chain;
    private final AgentProperties properties;
    private final StoreSweep sweep;
    private final MoveTestHalt halt;
    private final DivergedTargets diverged;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final FollowedClock clock = new FollowedClock();
    private volatile ScheduledExecutorService thread;

    MoveWorker(MoveJournal journal, TargetJournal targetJournal, SourceSteps source, TargetSteps target,
            MoveChain chain, AgentProperties properties, StoreSweep sweep, MoveTestHalt halt, DivergedTargets diverged) {
        this.diverged = diverged;
        this.sweep = sweep;
        this.halt = halt;
        this.journal = journal;
        this.targetJournal = targetJournal;
        this.source = source;
        this.target = target;
        this.chain = chain;
        this.properties = properties;
    }

    /** Takes every due move's steps, each move's as far as they go at once (see {@link #advance}). */
    void run() {
        try {
            for (long id : journal.due()) {
                journal.load(id).ifPresent(this::advance);
            }
            diverged.hold();
        } catch (RuntimeException e) {
            log.warn("the move worker's round failed, will retry: {}", e.toString());
        }
    }

    /**
     * Runs the worker soon, on its own thread, when something may have made a step due (the chain followed, an offer
     * recorded): a move need not wait for the next poll. Nudges while a run is pending fold into it.
     */
    void nudge() {
        ScheduledExecutorService running = thread;
        if (running != null && nudged.compareAndSet(false, true)) {
            try {
                running.execute(() -> {
                    nudged.set(false);
                    run();
                });
            } catch (RejectedExecutionException e) {
                nudged.set(false); // stopping: the poll is gone too
            }
        }
    }

    /** First among the follower's listeners: the others (an index refresh, challenges) must not delay a move's step. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ChainFollowed followed) {
        clock.followed(followed.chainTime());
        nudge();
    }

    /** The pico may go live: as soon as the follower's transaction that recorded it is committed. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(AcceptanceSeen seen) {
        nudge();
    }

    /** Takes the move's steps while each leaves the next one due at once (bounded), so the pause is not in polls. */
    private void advance(Move move) {
        for (int i = 0; i < CHAINED_STEPS && step(move); i++) {
            MoveState before = move.state();
            move = journal.load(move.id()).orElse(null);
            if (move == null || move.state() == before || move.state().terminal()) {
                return;
            }
            if (move.nextAttemptAt().isAfter(Instant.now())) { // a wait (for the chain, a grace period) begins
                halt.at(move.side(), move.state().name(), move.id());
                return;
            }
        }
    }

    /** Takes the move's next action; whether it is worth looking at the move again at once. */
    private boolean step(Move move) {
        try {
            if (EXPIRABLE.contains(move.state()) && expired(move)) {
                return false;
            }
            halt.at(move.side(), move.state().name(), move.id());
            if (journal.olderOpen(move)) { // a move undone by a reorganisation finishes first
                journal.later(move.id(), Instant.now().plus(properties.movePoll()));
                return false;
            }
            if (move.side() == Side.SOURCE) {
                source.next(move);
            } else {
                target.next(move);
            }
            return true;
        } catch (MoveFailure.Transient | PicoEngineException.Unreachable e) {
            retry(move, e.getMessage());
        } catch (MoveFailure | PicoEngineException e) {
            fail(move, e.getMessage());
        } catch (MoveJournal.MoveConflict | OptimisticLockingFailureException e) {
            log.debug("move {} changed meanwhile: {}", move.id(), e.getMessage());
            return true; // re-read: its new state may be due at once
        }
        return false;
    }

    private void retry(Move move, String why) {
        if (move.attempts() + 1 >= properties.moveAttempts()) {
            fail(move, "gave up after " + properties.moveAttempts() + " tries: " + why);
            return;
        }
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(move.attempts(), 10));
        if (wait.compareTo(longestRetry()) > 0) {
            wait = longestRetry();
        }
        log.info("move {} ({} {}): {}; trying again in {} ms", move.id(), move.side(), move.state(), why,
                wait.toMillis());
        journal.failed(move.id(), wait, why);
    }

    private void fail(Move move, String why) {
        log.warn("move {} ({} {}) cannot go on: {}", move.id(), move.side(), move.state(), why);
        if (move.side() == Side.TARGET && REJECTABLE.contains(move.state())) {
            targetJournal.rejecting(move.id(), why, null);
        } else {
            journal.failed(move.id(), longestRetry(), why); // the chain ends it: rejection or expiry
        }
    }

    private Duration longestRetry() {
        return properties.movePoll().multipliedBy(LONGEST_RETRY_POLLS);
    }

    /** Sends an expiry once the chain's clock is past the deadline; the follower then ends the move. */
    private boolean expired(Move move) {
        try {
            // the follower's reading when it is recent: one call to the node fewer per step
            OptionalLong recent = clock.recent();
            long now = recent.isPresent() ? recent.getAsLong() : chain.chainTime();
            if (now <= move.deadline().getEpochSecond()) {
                return false;
            }
            chain.expire(move.leaseId());
            log.info("expired the move of lease {}: its window ran out", move.leaseId());
        } catch (TransactionFailed.Reverted e) {
            log.debug("expiring lease {}'s move reverted: {}", move.leaseId(), e.getMessage());
        } catch (MoveFailure | TransactionFailed e) {
            log.info("expiring the move of lease {} failed, will retry: {}", move.leaseId(), e.getMessage());
        }
        journal.later(move.id(), Instant.now().plus(FIRST_RETRY));
        return true;
    }

    @Override
    public void start() {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "move-worker");
            t.setDaemon(true);
            return t;
        });
        long poll = properties.movePoll().toMillis();
        thread.execute(() -> {
            try {
                sweep.sweep();
            } catch (RuntimeException e) {
                log.warn("sweeping the snapshot store failed: {}", e.toString());
            }
        });
        thread.scheduleWithFixedDelay(this::run, poll, poll, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null && !thread.isShutdown();
    }
}
