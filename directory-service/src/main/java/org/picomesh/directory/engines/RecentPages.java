package org.picomesh.directory.engines;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A micro-cache of serialised list pages: the same search within {@code picomesh.api.list-cache-ttl} (250 ms,
 * about the indexer's poll) is answered from memory. Lists are what many browsers ask for at once; an
 * engine's own page and placement are never cached.
 */
@Component
class RecentPages {
    private static final int MAX_ENTRIES = 2_000;

    private record Entry(long expiresAt, byte[] json) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    RecentPages(@Value("${picomesh.api.list-cache-ttl:250ms}") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    byte[] get(String key, Supplier<byte[]> compute) {
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAt() - now > 0) {
            return entry.json();
        }
        byte[] json = compute.get();
        if (ttlNanos > 0) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(now + ttlNanos, json));
        }
        return json;
    }
}
