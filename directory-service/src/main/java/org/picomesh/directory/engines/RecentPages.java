package org.picomesh.directory.engines;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A micro-cache of list pages, keyed by the request's query string: the same {@code GET /api/engines} within
 * {@code picomesh.api.list-cache-ttl} (250 ms, about the indexer's poll) is answered from memory by this filter,
 * before Spring MVC resolves a single parameter. When a page expires, one request goes through to the controller
 * to recompute it while the others still get the previous one (never older than two periods), so a burst of
 * browsers never computes the same page at once. Only pages the controller computed are remembered, so errors
 * are never cached. An engine's own page is never cached.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10) // after the security headers and the metrics
class RecentPages extends OncePerRequestFilter {
    static final String PATH = "/api/engines";
    private static final int MAX_ENTRIES = 2_000;

    private record Entry(long writtenAt, byte[] json, AtomicBoolean refreshing) {}

    private final long ttlNanos;
    private final Ticker ticker;
    /** Pages for two periods: fresh in the first, served while one request recomputes them in the second. */
    private final Cache<String, Entry> entries;

    @Autowired
    RecentPages(@Value("${picomesh.api.list-cache-ttl:250ms}") Duration ttl) {
        this(ttl, Ticker.systemTicker());
    }

    RecentPages(Duration ttl, Ticker ticker) {
        this.ttlNanos = ttl.toNanos();
        this.ticker = ticker;
        this.entries = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).ticker(ticker)
                .expireAfterWrite(Duration.ofNanos(Math.max(1, 2 * ttlNanos))).build();
    }

    /** Keeps a page the controller computed for this request. */
    void remember(HttpServletRequest request, byte[] json) {
        if (ttlNanos > 0) {
            entries.put(key(request), new Entry(ticker.read(), json, new AtomicBoolean()));
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ttlNanos <= 0 || !"GET".equals(request.getMethod()) || !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<byte[]> page = recent(key(request));
        if (page.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(page.get().length);
        response.getOutputStream().write(page.get());
    }

    /** The page if it is fresh, or if it expired within the last period while another request refreshes it. */
    private Optional<byte[]> recent(String key) {
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            return Optional.empty();
        }
        boolean fresh = ticker.read() - entry.writtenAt() < ttlNanos;
        return fresh || !entry.refreshing().compareAndSet(false, true) ? Optional.of(entry.json()) : Optional.empty();
    }

    private static String key(HttpServletRequest request) {
        return Objects.requireNonNullElse(request.getQueryString(), "");
    }
}
