package org.picomesh.agent.follow;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.picomesh.agent.AgentProperties;
import org.picomesh.contracts.ChainConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Asks the node for its head alone ({@code eth_blockNumber}) every {@code head-poll} and lets the {@link ChainWatcher}
 * follow as soon as it moved, instead of at its next {@code poll}: a move asked by the pico's own key, or accepted by
 * the other agent, is seen within a head poll (on the dev chain a move waited up to half a second here). Where the
 * node serves {@code eth_subscribe} over WebSocket, {@link HeadSubscription} announces each head sooner still; the
 * polls stay, for a node without it and a subscription that dropped. A failed look is only skipped: the follower's
 * own poll still runs.
 */
@Component
class HeadWatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(HeadWatcher.class);

    private final ChainConnection chain;
    private final ChainWatcher watcher;
    private final TaskScheduler scheduler;
    private final Duration every;
    private long seen = -1;
    private volatile ScheduledFuture<?> looking;

    HeadWatcher(ChainConnection chain, ChainWatcher watcher, TaskScheduler scheduler, AgentProperties properties) {
        this.chain = chain;
        this.watcher = watcher;
        this.scheduler = scheduler;
        this.every = properties.headPoll();
    }

    /** On the scheduler's thread, like the follower's ticks: one look at a time, never beside a tick. */
    void look() {
        long head;
        try {
            head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException | RuntimeException e) {
            log.debug("reading the chain's head failed: {}", e.toString());
            return;
        }
        moved(head);
    }

    /** The node announced a new head ({@link HeadSubscription}): followed at once, on the scheduler's thread. */
    void announced(long head) {
        scheduler.schedule(() -> moved(head), Instant.now());
    }

    private void moved(long head) {
        if (head != seen) {
            seen = head;
            watcher.tick();
        }
    }

    @Override
    public void start() {
        looking = scheduler.scheduleWithFixedDelay(this::look, every);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = looking;
        if (running != null) {
            running.cancel(false);
        }
        looking = null;
    }

    @Override
    public boolean isRunning() {
        return looking != null;
    }
}
