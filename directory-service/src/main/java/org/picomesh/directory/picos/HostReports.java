package org.picomesh.directory.picos;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.picomesh.directory.probes.HostDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Asks a pico's current host what it reports about the pico ({@code GET {endpoint}/picomesh/picos/{did}}, the
 * engine agents' public read), through the probes' guard, and keeps the answer (or the silence) for a short while so
 * that a popular page does not turn this directory into a load on the host.
 */
@Component
class HostReports {
    private static final Logger log = LoggerFactory.getLogger(HostReports.class);

    private record Key(long engineId, String endpoint, String did) {}

    private final HostDocuments documents;
    private final Clock clock;
    private final RecentAnswers<Key, HostReport> cache;

    @Autowired
    HostReports(HostDocuments documents, PicoProperties properties) {
        this(documents, properties, Ticker.systemTicker(), Clock.systemUTC());
    }

    HostReports(HostDocuments documents, PicoProperties properties, Ticker ticker, Clock clock) {
        this.documents = documents;
        this.clock = clock;
        this.cache = new RecentAnswers<>(properties.hostReportCacheSize(), properties.hostReportTtl(), ticker);
    }

    /** The host's report on the pico, or why there is none; never throws for what the host does. */
    HostReport report(long engineId, String endpoint, String did) {
        return cache.get(new Key(engineId, endpoint, did), this::ask);
    }

    /** Drops the report kept on the pico: its policy was just changed through this directory. */
    void forget(long engineId, String endpoint, String did) {
        cache.forget(new Key(engineId, endpoint, did));
    }

    private HostReport ask(Key key) {
        Instant at = clock.instant();
        if (key.endpoint() == null) {
            return HostReport.unanswered(key.engineId(), "the host did not answer: it advertises no endpoint", at);
        }
        String path = "/picomesh/picos/" + URLEncoder.encode(key.did(), StandardCharsets.UTF_8);
        HostDocuments.Answer answer = documents.get(key.endpoint(), path);
        if (!answer.answered()) {
            log.debug("engine {} did not answer for pico {}: {}", key.engineId(), key.did(), answer.failure());
            return HostReport.unanswered(key.engineId(), "the host did not answer: " + answer.failure(), at);
        }
        if (answer.status() == 404) {
            return HostReport.unanswered(key.engineId(), "the host says it does not host this pico (HTTP 404)", at);
        }
        if (answer.status() != 200) {
            return HostReport.unanswered(key.engineId(), "the host did not answer: HTTP " + answer.status(), at);
        }
        return HostReportReader.read(key.engineId(), key.did(), answer.body(), at);
    }
}
