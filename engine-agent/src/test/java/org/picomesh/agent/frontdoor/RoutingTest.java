package org.picomesh.agent.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.picomesh.agent.frontdoor.Routing.Action;

class RoutingTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final URI B = URI.create("http://b.example:8081");

    private static Route route(RouteState state) {
        return new Route("pico", 7, state, B, NOW.plusSeconds(60));
    }

    @Test
    void aPicoThatIsNotMovingGoesToTheLocalEngine() {
        assertThat(Routing.decide(null, true, "POST", NOW)).isEqualTo(Action.LOCAL);
        assertThat(Routing.decide(route(RouteState.LIVE), false, "GET", NOW)).isEqualTo(Action.LOCAL);
    }

    @Test
    void whileAPicoMovesItsEventsAreHeldAndItsQueriesWait() {
        for (RouteState state : new RouteState[] {RouteState.HELD, RouteState.ARRIVING, RouteState.RELEASING,
                RouteState.REPLAYING}) {
            assertThat(Routing.decide(route(state), true, "POST", NOW)).as(state.name()).isEqualTo(Action.HOLD);
            assertThat(Routing.decide(route(state), true, "GET", NOW)).as(state.name()).isEqualTo(Action.HOLD);
            assertThat(Routing.decide(route(state), false, "GET", NOW)).as(state.name()).isEqualTo(Action.WAIT);
            assertThat(Routing.decide(route(state), false, "POST", NOW)).as(state.name()).isEqualTo(Action.WAIT);
        }
    }

    @Test
    void aMovedPicoIsRedirectedForGetsAndForwardedForPostsDuringTheGracePeriod() {
        assertThat(Routing.decide(route(RouteState.MOVED), true, "GET", NOW)).isEqualTo(Action.REDIRECT);
        assertThat(Routing.decide(route(RouteState.MOVED), false, "HEAD", NOW)).isEqualTo(Action.REDIRECT);
        assertThat(Routing.decide(route(RouteState.MOVED), true, "POST", NOW)).isEqualTo(Action.FORWARD);
        assertThat(Routing.decide(route(RouteState.MOVED), false, "POST", NOW)).isEqualTo(Action.FORWARD);
    }

    @Test
    void aMovedPicoIsGoneOnceTheGracePeriodIsOver() {
        assertThat(Routing.decide(route(RouteState.MOVED), true, "POST", NOW.plusSeconds(60))).isEqualTo(Action.GONE);
        assertThat(Routing.decide(route(RouteState.MOVED), false, "GET", NOW.plusSeconds(61))).isEqualTo(Action.GONE);
    }
}
