package org.picomesh.agent.frontdoor;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * What the front door answers when the engine it forwards to (its own on loopback, or a moved pico's new host) does
 * not answer: 502 with a problem a caller can act on, instead of the container's 500 and a stack trace per request.
 * Logged once in a while, not per request: a down engine is also what the health endpoint says.
 */
final class UpstreamUnreachable {
    private static final Logger log = LoggerFactory.getLogger(UpstreamUnreachable.class);
    private static final Duration QUIET = Duration.ofSeconds(30);

    private final AtomicReference<Instant> lastWarned = new AtomicReference<>(Instant.EPOCH);

    ServerResponse answer(Throwable failure, ServerRequest request) {
        Instant now = Instant.now();
        Instant last = lastWarned.get();
        if (now.isAfter(last.plus(QUIET)) && lastWarned.compareAndSet(last, now)) {
            log.warn("the front door cannot reach the engine for {} {}: {} (said at most every {} s)",
                    request.method(), request.uri().getRawPath(), cause(failure), QUIET.toSeconds());
        }
        return Answers.problem(HttpStatus.BAD_GATEWAY, "the pico engine behind this front door does not answer; try "
                + "again shortly");
    }

    static boolean unreachable(Throwable failure) {
        return failure instanceof ResourceAccessException;
    }

    private static String cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
