package org.picomesh.agent.frontdoor;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.ServerResponse;

/** The front door's own answers about moving picos: small JSON, problems as RFC 9457, never a host's secret. */
final class Answers {
    private Answers() {}

    /** 202 for a held event: empty directives (what an engine's caller reads) and the event's place in the queue. */
    static ServerResponse held(String eci, long id) {
        return ServerResponse.accepted().contentType(MediaType.APPLICATION_JSON).body(Map.of("directives", List.of(),
                "held", Map.of("eci", eci, "id", id), "detail",
                "the pico is moving: the event is kept and delivered once the move settles"));
    }

    /** 202 for a replayed event stored under its delivery key, 200 when the key was already received. */
    static ServerResponse received(String key, boolean duplicate) {
        return (duplicate ? ServerResponse.ok() : ServerResponse.accepted()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("delivery", key, "duplicate", duplicate));
    }

    static ServerResponse redirect(URI location) {
        return ServerResponse.status(HttpStatus.TEMPORARY_REDIRECT).location(location).build();
    }

    static ServerResponse retryLater(String detail, Duration after) {
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, after.toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }

    static ServerResponse problem(HttpStatus status, String detail) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    static ServerResponse gone() {
        return problem(HttpStatus.GONE, "this pico has moved to another engine: look it up in the directory");
    }
}
