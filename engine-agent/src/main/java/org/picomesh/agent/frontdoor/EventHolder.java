package org.picomesh.agent.frontdoor;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import org.picomesh.agent.AgentProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Holds a moving pico's events: stored in arrival order under the pico's lock (so none slips between the last held
 * event delivered and the route turning live), bounded in count and bytes per pico.
 */
@Component
class EventHolder {
    private static final Duration FULL_RETRY = Duration.ofSeconds(5);

    private final PicoRouteRepository routes;
    private final HeldEventRepository events;
    private final TransactionTemplate transactions;
    private final Deliverer deliverer;
    private final AgentProperties properties;
    private final Clock clock = Clock.systemUTC();

    EventHolder(PicoRouteRepository routes, HeldEventRepository events, TransactionTemplate transactions,
            Deliverer deliverer, AgentProperties properties) {
        this.routes = routes;
        this.events = events;
        this.transactions = transactions;
        this.deliverer = deliverer;
        this.properties = properties;
    }

    ServerResponse hold(ServerRequest request, String eci, Route route) throws IOException {
        SkyRequest event = read(request, (int) properties.heldBodyLimit().toBytes());
        if (event == null) {
            return Answers.problem(HttpStatus.PAYLOAD_TOO_LARGE, "an event held while its pico moves may carry at "
                    + "most " + properties.heldBodyLimit().toBytes() + " bytes");
        }
        Long id = transactions.execute(status -> {
            routes.lock(route.pico());
            if (events.countPending(route.pico()) >= properties.heldEventsPerPico()
                    || events.pendingBytes(route.pico()) + event.body().length > properties.heldBytesPerPico().toBytes()) {
                return null;
            }
            return events.save(new HeldEvent(route, eci, event, null, clock.instant())).id();
        });
        if (id == null) {
            return Answers.retryLater("this pico is moving and holds as many events as it may: send again later",
                    FULL_RETRY);
        }
        if (route.state().delivers()) {
            deliverer.kick();
        }
        return Answers.held(eci, id);
    }

    /** The request as it will be delivered, or null when its body is over {@code limit} bytes. */
    static SkyRequest read(ServerRequest request, int limit) throws IOException {
        byte[] body;
        try (InputStream in = request.servletRequest().getInputStream()) {
            body = in.readNBytes(limit + 1);
        }
        if (body.length > limit) {
            return null;
        }
        return new SkyRequest(request.method().name(), request.uri().getRawPath(), request.uri().getRawQuery(),
                request.headers().contentType().map(MediaType::toString).orElse(null), body);
    }
}
