package org.picomesh.directory.indexer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** What the indexer knows of itself, for health, metrics and the stats endpoint. */
@Component
public class IndexerStatus {
    public enum Role { STARTING, INDEXING, STANDBY }

    private volatile Role role = Role.STARTING;
    private volatile long head = -1;
    private volatile long indexed = -1;
    private volatile boolean nodeReachable = true;
    private volatile String lastError;
    private volatile Instant lastProgress = Instant.now();
    private final Counter events;

    IndexerStatus(MeterRegistry meters) {
        this.events = Counter.builder("picomesh.indexer.events").description("events indexed").register(meters);
        Gauge.builder("picomesh.indexer.block", this, s -> s.indexed).description("last indexed block").register(meters);
        Gauge.builder("picomesh.indexer.lag", this, IndexerStatus::lag).description("blocks behind the head").register(meters);
    }

    public Role role() {
        return role;
    }

    public long head() {
        return head;
    }

    public long indexed() {
        return indexed;
    }

    /** Blocks between the chain's head and the last indexed block, or -1 before either is known. */
    public long lag() {
        return head < 0 || indexed < 0 ? -1 : Math.max(0, head - indexed);
    }

    public boolean nodeReachable() {
        return nodeReachable;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastProgress() {
        return lastProgress;
    }

    void role(Role role) {
        this.role = role;
    }

    void head(long head) {
        this.head = head;
        this.nodeReachable = true;
    }

    void indexed(long block, int eventCount) {
        this.indexed = block;
        this.lastError = null;
        this.lastProgress = Instant.now();
        events.increment(eventCount);
    }

    void nodeAway(String error) {
        this.nodeReachable = false;
        this.lastError = error;
    }

    void failed(String error) {
        this.lastError = error;
    }
}
