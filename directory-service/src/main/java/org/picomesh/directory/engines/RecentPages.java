package org.picomesh.directory.engines;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A micro-cache of serialised list pages: the same search within {@code picomesh.api.list-cache-ttl} (250 ms,
 * about the indexer's poll) is answered from memory. When a page expires, one request recomputes it while the
 * others still get the previous one (never older than two periods), so a burst of browsers never queries the
 * same page at once. Lists are what many ask for at once; an engine's own page is never cached.
 */
@Component
class RecentPages {
    private static final int MAX_ENTRIES = 2_000;

    private record Entry(long expiresAt, byte[] json, AtomicBoolean refreshing) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    RecentPages(@Value("${picomesh.api.list-cache-ttl:250ms}") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    byte[] get(String key, Supplier<byte[]> compute) {
        if (ttlNanos <= 0) {
            return compute.get();
        }
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry != null && (entry.expiresAt() - now > 0 || expiredBeforeLastPeriod(entry, now)
                && !entry.refreshing().compareAndSet(false, true))) {
            return entry.json();
        }
        byte[] json = compute.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(System.nanoTime() + ttlNanos, json, new AtomicBoolean()));
        return json;
    }

    /** Still within one more period: fit to serve while another request refreshes it. */
    private boolean expiredBeforeLastPeriod(Entry entry, long now) {
        return now - entry.expiresAt() < ttlNanos;
    }
}
