package org.picomesh.directory.picos;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Answers asked of another process (a pico's host, the chain node), reused for a while and bounded in number by
 * Caffeine. The first reader of a key asks, on its own thread and outside every lock (a slow host holds up no other
 * key); readers of the same key meanwhile wait for that one answer instead of asking again.
 */
final class RecentAnswers<K, V> {
    private final AsyncCache<K, V> answers;

    RecentAnswers(int maxEntries, Duration ttl, Ticker ticker) {
        // maintenance (expiry, eviction) on the reader's thread: no pool thread, and deterministic under a test ticker
        this.answers = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).ticker(ticker)
                .executor(Runnable::run).buildAsync();
    }

    /** The answer kept for {@code key}, or one asked now. */
    V get(K key, Function<K, V> ask) {
        return get(key, ask, v -> true);
    }

    /** As {@link #get(Object, Function)}, keeping a new answer only when {@code keep} says so (not a failure). */
    V get(K key, Function<K, V> ask, Predicate<V> keep) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> earlier = answers.asMap().putIfAbsent(key, mine);
        if (earlier != null) {
            return earlier.join();
        }
        V answer;
        try {
            answer = ask.apply(key);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e); // Caffeine drops a failed answer: the next reader asks again
            throw e;
        }
        mine.complete(answer);
        if (!keep.test(answer)) {
            answers.asMap().remove(key, mine);
        }
        return answer;
    }

    /** Drops what is kept for {@code key}: it is known to have changed. */
    void forget(K key) {
        answers.synchronous().invalidate(key);
    }

    /** How many answers are kept, after expired and surplus ones went. */
    long size() {
        answers.synchronous().cleanUp();
        return answers.synchronous().estimatedSize();
    }
}
