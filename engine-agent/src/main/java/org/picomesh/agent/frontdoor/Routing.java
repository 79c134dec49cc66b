package org.picomesh.agent.frontdoor;

import java.time.Instant;

/** What the front door does with a request for a moving or moved ECI: the decision alone, without I/O. */
final class Routing {
    enum Action {
        /** To the local engine, as for any pico. */
        LOCAL,
        /** Stored, answered 202, delivered once the move settles. */
        HOLD,
        /** A query: waits (bounded) for the move to settle, then decided again. */
        WAIT,
        /** 307 to the same path on the new host: for GET and HEAD, which every client may follow. */
        REDIRECT,
        /** Forwarded to the new host: a pico engine's {@code event:send} POSTs and follows no redirect. */
        FORWARD,
        /** Moved, and the grace period is over. */
        GONE
    }

    private Routing() {}

    static Action decide(Route route, boolean event, String method, Instant now) {
        if (route == null || route.state() == RouteState.LIVE) {
            return Action.LOCAL;
        }
        boolean readOnly = method.equals("GET") || method.equals("HEAD");
        if (route.state().holdsEvents()) {
            return event && !method.equals("HEAD") ? Action.HOLD : Action.WAIT;
        }
        if (!now.isBefore(route.movedUntil())) {
            return Action.GONE;
        }
        return readOnly ? Action.REDIRECT : Action.FORWARD;
    }
}
