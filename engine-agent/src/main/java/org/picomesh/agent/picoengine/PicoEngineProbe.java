package org.picomesh.agent.picoengine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.picomesh.agent.AgentProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the pico engine behind the agent answers: the agent claims availability on the chain only when it does.
 * Also the {@code picoEngine} component of the agent's health.
 */
@Component("picoEngine")
public class PicoEngineProbe implements HealthIndicator {
    private final HttpClient client;
    private final AgentProperties properties;
    private final URI version;

    PicoEngineProbe(AgentProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.engineTimeout()).build();
        this.version = properties.engineUrl().resolve("/api/engine-version");
    }

    /** Whether {@code GET /api/engine-version} answers 200 within the engine timeout, now. */
    public boolean answers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(version).timeout(properties.engineTimeout()).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Health health() {
        Health.Builder health = answers() ? Health.up() : Health.down();
        return health.withDetail("url", properties.engineUrl().toString()).build();
    }
}
