package org.picomesh.directory.indexer;

import java.time.Duration;
import org.picomesh.directory.chain.ChainProperties;
import org.picomesh.directory.chain.NodeUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the indexer on a thread of its own while this instance holds the indexer lock; stands by otherwise.
 * Failures never stop it: a node that is away is retried with back-off, and health says so meanwhile.
 */
class IndexerRunner implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(IndexerRunner.class);

    private final Indexer indexer;
    private final IndexerLock lock;
    private final IndexerStatus status;
    private final ChainProperties properties;
    private volatile Thread thread;

    IndexerRunner(Indexer indexer, IndexerLock lock, IndexerStatus status, ChainProperties properties) {
        this.indexer = indexer;
        this.lock = lock;
        this.status = status;
        this.properties = properties;
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "indexer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.close();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        Duration poll = properties.pollInterval();
        while (thread == Thread.currentThread()) {
            try {
                if (!lock.holdOrAcquire()) {
                    status.role(IndexerStatus.Role.STANDBY);
                    pause(poll.multipliedBy(4));
                    continue;
                }
                status.role(IndexerStatus.Role.INDEXING);
                if (indexer.step()) {
                    pause(poll);
                }
            } catch (NodeUnavailableException e) {
                log.warn("chain node away: {}", e.getMessage());
                status.nodeAway(e.getMessage());
                pause(properties.maxBackoff());
            } catch (RuntimeException e) {
                if (thread != Thread.currentThread()) {
                    return;
                }
                log.error("indexing failed; retrying", e);
                status.failed(e.toString());
                pause(poll.multipliedBy(4));
            }
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread = null;
        }
    }
}
