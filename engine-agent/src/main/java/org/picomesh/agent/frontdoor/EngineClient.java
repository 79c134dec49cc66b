package org.picomesh.agent.frontdoor;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.picomesh.agent.AgentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * The HTTP client the front door forwards with (the gateway takes the application's {@link ClientHttpRequestFactory}):
 * Apache HttpClient 5 with a pool sized for one route, the engine on loopback. HttpClient's defaults are made for
 * many hosts (5 connections a route): behind a front door with dozens of callers, the others would queue inside
 * the agent for a connection, in no fair order, and that queue was the tail of the latency. Here every caller gets
 * a connection and the pico engine's event loop orders them; the most recently used connection is reused first, and
 * a connection idle for longer than the engine keeps it (node closes an idle keep-alive after 5 s) is dropped before
 * it is picked, so a POST is never sent on a socket the engine already closed. No redirect is followed, nothing is
 * decompressed or retried: a pico's caller gets what the engine answered.
 */
@Configuration
class EngineClient {
    /** Connections to the engine: more than the callers a small engine serves at once. */
    private static final int MAX_CONNECTIONS = 256;
    /** Shorter than node's keep-alive timeout (5 s). */
    private static final TimeValue IDLE = TimeValue.ofSeconds(4);

    @Bean
    ClientHttpRequestFactory engineRequestFactory(AgentProperties properties) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setConnPoolPolicy(PoolReusePolicy.LIFO)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.engineTimeout()))
                        .setTimeToLive(TimeValue.ofMinutes(10))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(pool)
                .evictIdleConnections(IDLE)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(properties.forwardTimeout()))
                        .setResponseTimeout(Timeout.of(properties.forwardTimeout()))
                        .build())
                .build();
        return new HttpComponentsClientHttpRequestFactory(client);
    }
}
