package org.picomesh.agent.frontdoor;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import org.picomesh.agent.AgentProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The engine's front door: the endpoint the engine advertises is the agent's, and the agent forwards picos' events
 * and queries ({@code /sky/event/...}, {@code /sky/cloud/...}) and the engine's version (what the directory's prober
 * asks) to the pico engine on loopback, with Spring Cloud Gateway Server MVC. Nothing else of the engine is exposed:
 * its admin API (and {@code /api/db-dump}, which holds every pico's keys) stays on loopback. While a pico moves,
 * {@link MovingPicos} holds, redirects or forwards its traffic (the gateway still does the forwarding).
 */
@Configuration
@EnableConfigurationProperties(FrontDoorProperties.class)
class FrontDoorRoutes {
    private final UpstreamUnreachable unreachable = new UpstreamUnreachable();

    @Bean
    RouterFunction<ServerResponse> picoTraffic(MovingPicos moves) {
        return route("pico-traffic").route(path("/sky/event/**").or(path("/sky/cloud/**")), http()).filter(moves)
                .onError(UpstreamUnreachable::unreachable, unreachable::answer).build();
    }

    @Bean
    RouterFunction<ServerResponse> engineVersion(AgentProperties properties) {
        return route("engine-version").GET("/api/engine-version", http()).before(uri(properties.engineUrl()))
                .onError(UpstreamUnreachable::unreachable, unreachable::answer).build();
    }
}
