package org.picomesh.agent.follow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.follow.LogFollower;
import org.picomesh.contracts.follow.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Follows the chain and hands each event to the agent's features ({@link MarketListener}s) in the same transaction
 * as the checkpoint, so a restart resumes where the agent stopped and nothing is applied twice; a reorganisation
 * rewinds them. Then it announces {@link ChainFollowed}, on which the features act (answer, claim).
 */
@Component
class ChainWatcher {
    private static final Logger log = LoggerFactory.getLogger(ChainWatcher.class);
    /** Steps of the follower per tick, so a long catch-up still lets the features act between batches. */
    private static final int STEPS_PER_TICK = 20;

    private final LogFollower follower;
    private final FollowState state;
    private final List<MarketListener> listeners;
    private final TransactionTemplate transactions;
    private final ChainConnection chain;
    private final ApplicationEventPublisher events;
    private final TaskScheduler scheduler;
    /** One tick at a time: the poll and a wake-up may come together. */
    private final ReentrantLock ticking = new ReentrantLock();

    ChainWatcher(LogFollower follower, FollowState state, List<MarketListener> listeners,
            TransactionTemplate transactions, ChainConnection chain, ApplicationEventPublisher events,
            TaskScheduler scheduler) {
        this.scheduler = scheduler;
        this.follower = follower;
        this.state = state;
        this.listeners = listeners;
        this.transactions = transactions;
        this.chain = chain;
        this.events = events;
    }

    /** A transaction of this agent's own was mined: follow now, on the scheduler's thread, not at the next poll. */
    @EventListener
    void on(TransactionMined mined) {
        scheduler.schedule(this::tick, Instant.now());
    }

    @Scheduled(fixedDelayString = "${picomesh.agent.poll:500ms}")
    void tick() {
        if (!ticking.tryLock()) {
            return; // the other tick follows the chain already
        }
        try {
            for (int step = 0; step < STEPS_PER_TICK; step++) {
                Step taken;
                try {
                    taken = transactions.execute(status -> step(follower.next(state.position())));
                } catch (OptimisticLockingFailureException e) {
                    // a row the events change (a move's, say) changed meanwhile: all rolled back, read them again
                    // now, not at the next tick (a pico's acceptance raced its own step by the worker)
                    log.debug("following the chain raced another change, following again: {}", e.getMessage());
                    continue;
                }
                if (taken instanceof Step.AtHead) {
                    events.publishEvent(new ChainFollowed(chainTime()));
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("following the chain failed, will retry: {}", e.toString());
        } finally {
            ticking.unlock();
        }
    }

    private Step step(Step next) {
        if (next instanceof Step.Events batch) {
            batch.events().forEach(event -> listeners.forEach(listener -> listener.apply(event)));
            state.advance(batch.to(), batch.blocks());
        } else if (next instanceof Step.Rewind rewind) {
            listeners.forEach(listener -> listener.rewind(rewind.to().number()));
            state.rewind(rewind.to());
            log.warn("chain reorganisation: rewound to block {}", rewind.to().number());
        }
        return next;
    }

    private long chainTime() {
        try {
            return chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                    .getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chain's latest block", e);
        }
    }
}
