package org.picomesh.agent.migration;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.picomesh.agent.AgentProperties;
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
 * Takes the moves' due steps on a thread of its own, never the scheduler's that follows the chain, each move's as far
 * as they go at once. A move whose window ran out is expired first ({@link MoveExpiry}); a step that fails is left to
 * {@link FailedSteps}.
 */
@Component
class MoveWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MoveWorker.class);
    /** Steps of one move taken back to back in a round: a step whose successor is due at once does not wait a poll. */
    private static final int CHAINED_STEPS = 8;

    private final MoveJournal journal;
    private final MoveExpiry expiry;
    private final FailedSteps failures;
    private final SourceSteps source;
    private final TargetSteps target;
    private final AgentProperties properties;
    private final StoreSweep sweep;
    private final MoveTestHalt halt;
    private final DivergedTargets diverged;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private volatile ScheduledExecutorService thread;

    MoveWorker(MoveJournal journal, MoveExpiry expiry, FailedSteps failures, SourceSteps source, TargetSteps target,
            AgentProperties properties, StoreSweep sweep, MoveTestHalt halt, DivergedTargets diverged) {
        this.diverged = diverged;
        this.sweep = sweep;
        this.halt = halt;
        this.journal = journal;
        this.expiry = expiry;
        this.failures = failures;
        this.source = source;
        this.target = target;
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
        expiry.followed(followed.chainTime());
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
            if (expiry.expired(move)) {
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
            failures.retry(move, e.getMessage());
        } catch (MoveFailure | PicoEngineException e) {
            failures.fail(move, e.getMessage());
        } catch (MoveJournal.MoveConflict | OptimisticLockingFailureException e) {
            log.debug("move {} changed meanwhile: {}", move.id(), e.getMessage());
            return true; // re-read: its new state may be due at once
        }
        return false;
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
