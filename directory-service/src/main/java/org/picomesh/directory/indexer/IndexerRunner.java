package org.picomesh.directory.indexer;

import java.time.Duration;
import org.picomesh.contracts.follow.ChainUnavailableException;
import org.picomesh.directory.chain.ChainProperties;
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
        int failures = 0;
        while (thread == Thread.currentThread()) {
            try {
                if (!lock.holdOrAcquire()) {
                    status.role(IndexerStatus.Role.STANDBY);
                    pause(poll.multipliedBy(4));
                    continue;
                }
                status.role(IndexerStatus.Role.INDEXING);
                boolean caughtUp = indexer.step();
                failures = 0;
                if (caughtUp) {
                    pause(poll);
                }
            } catch (FencedOffException e) {
                // its lock session died and another instance took over: step down, and stand by from now on
                log.warn("stepping down: {}", e.getMessage());
                lock.close();
                status.role(IndexerStatus.Role.STANDBY);
                pause(poll.multipliedBy(4));
            } catch (ChainUnavailableException e) {
                log.warn("chain node away: {}", e.getMessage());
                status.nodeAway(e.getMessage());
                pause(properties.maxBackoff());
            } catch (RuntimeException e) {
                if (thread != Thread.currentThread()) {
                    return;
                }
                // The database or a bug: say it fully once, then briefly, backing off up to the longest pause.
                if (failures++ == 0) {
                    log.error("indexing failed; retrying with back-off", e);
                } else {
                    log.warn("indexing failed again ({} in a row): {}", failures, e.toString());
                }
                status.failed(e.toString());
                pause(backoff(poll, failures));
            }
        }
    }

    private Duration backoff(Duration poll, int failures) {
        Duration wait = poll.multipliedBy(1L << Math.min(failures, 10));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
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
