package org.picomesh.agent.frontdoor;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.picomesh.agent.AgentProperties;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Chooses where a pico's event or query goes: to the local engine (every pico that is not moving: one lookup in an
 * empty map), held, redirected or forwarded to the pico's new host, or stored under a replay's delivery key
 * ({@link DeliveryReceiver}); never what {@link EngineGuard} refuses. It sets the gateway's request URL itself, so that forwarding to the new host goes
 * through the same proxy as any request.
 */
@Component
class MovingPicos implements HandlerFilterFunction<ServerResponse, ServerResponse> {
    private final EngineGuard guard;
    private final RouteCache cache;
    private final EventHolder holder;
    private final DeliveryReceiver receiver;
    private final AgentProperties properties;
    private final Clock clock = Clock.systemUTC();

    MovingPicos(EngineGuard guard, RouteCache cache, EventHolder holder, DeliveryReceiver receiver,
            AgentProperties properties) {
        this.guard = guard;
        this.cache = cache;
        this.holder = holder;
        this.receiver = receiver;
        this.properties = properties;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        // first: a replay's delivery key does not pass by it
        var refused = guard.refusal(request.uri().getRawPath(), eci -> cache.get(eci) != null);
        if (refused.isPresent()) {
            return refused.get();
        }
        String key = request.headers().firstHeader(DeliveryReceiver.HEADER);
        if (key == null && cache.quiet()) {
            return local(request, next);
        }
        String eci = SkyRequest.eci(request.uri().getRawPath());
        if (eci == null) {
            return local(request, next);
        }
        if (key != null) {
            return receiver.receive(request, eci, key);
        }
        Route route = cache.get(eci);
        return route == null ? local(request, next) : moving(request, next, eci, route);
    }

    private ServerResponse moving(ServerRequest request, HandlerFunction<ServerResponse> next, String eci,
            Route route) throws Exception {
        boolean event = SkyRequest.isEvent(request.uri().getRawPath());
        String method = request.method().name();
        Instant deadline = clock.instant().plus(properties.settleWait());
        while (true) {
            switch (Routing.decide(route, event, method, clock.instant())) {
                case LOCAL:
                    return local(request, next);
                case HOLD:
                    return holder.hold(request, eci, route);
                case REDIRECT:
                    return Answers.redirect(sameOn(request, route.movedTo()));
                case FORWARD:
                    return forward(request, next, route.movedTo());
                case GONE:
                    return Answers.gone();
                case WAIT:
                    if (!clock.instant().isBefore(deadline)) {
                        return Answers.retryLater("this pico is moving: ask again shortly", properties.settleWait());
                    }
                    route = cache.await(eci, route, deadline);
                    break;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    private ServerResponse local(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        MvcUtils.setRequestUrl(request, properties.engineUrl());
        return next.handle(request);
    }

    /** Through the gateway to the new host's endpoint (its path, if it has one, before the pico's path). */
    private static ServerResponse forward(ServerRequest request, HandlerFunction<ServerResponse> next, URI to)
            throws Exception {
        ServerRequest forwarded = request;
        String prefix = to.getRawPath();
        if (prefix != null && !prefix.isEmpty() && !prefix.equals("/")) {
            forwarded = BeforeFilterFunctions.prefixPath(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1)
                    : prefix).apply(request);
        }
        MvcUtils.setRequestUrl(forwarded, to);
        return next.handle(forwarded);
    }

    private static URI sameOn(ServerRequest request, URI to) {
        return new SkyRequest(request.method().name(), request.uri().getRawPath(), request.uri().getRawQuery(), null,
                null).on(to);
    }
}
