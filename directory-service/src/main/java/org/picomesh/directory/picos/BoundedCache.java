package org.picomesh.directory.picos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small map whose entries expire after a while and whose least recently read entry goes when it is full: enough
 * for reads a page repeats within seconds, without a cache library on the class path.
 */
final class BoundedCache<K, V> {
    private record Entry<V>(V value, Instant until) {}

    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<K, Entry<V>> entries;

    BoundedCache(int maxEntries, Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value kept for {@code key}, or a new one (computed outside the lock: a slow host blocks no other read). */
    V get(K key, Function<K, V> compute) {
        return get(key, compute, v -> true);
    }

    /** As {@link #get(Object, Function)}, keeping the new value only when {@code keep} says so (not a failure). */
    V get(K key, Function<K, V> compute, Predicate<V> keep) {
        Instant now = clock.instant();
        synchronized (entries) {
            Entry<V> entry = entries.get(key);
            if (entry != null && now.isBefore(entry.until())) {
                return entry.value();
            }
        }
        V value = compute.apply(key);
        if (!keep.test(value)) {
            return value;
        }
        synchronized (entries) {
            entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
        }
        return value;
    }

    /** Drops what is kept for {@code key}: it is known to have changed. */
    void forget(K key) {
        synchronized (entries) {
            entries.remove(key);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
