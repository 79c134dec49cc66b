package org.picomesh.directory.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.picomesh.contracts.Deployment;
import org.picomesh.directory.DirectoryApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A directory-service instance started in this JVM against a test chain and a test database. */
public final class Directory implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private Directory(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Starts an instance indexing {@code deployment}'s chain into {@code database}; extra properties win. */
    public static Directory start(Deployment deployment, TestDatabase.Database database, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", database.url());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        properties.put("picomesh.chain.rpc-url", deployment.rpcUrl());
        properties.put("picomesh.chain.registry", deployment.registry());
        properties.put("picomesh.chain.escrow", deployment.escrow());
        properties.put("picomesh.chain.start-block", deployment.deploymentBlock().longValueExact());
        properties.put("picomesh.chain.poll-interval", "50ms");
        properties.put("picomesh.chain.max-attempts", 2);
        properties.put("picomesh.chain.max-backoff", "200ms");
        properties.put("picomesh.probes.enabled", false);
        properties.putAll(extra);
        // As arguments, so that they win over application.properties
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new Directory(new SpringApplicationBuilder(DirectoryApplication.class).run(args));
    }

    public JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
        return parse(response);
    }

    public HttpResponse<String> getRaw(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    /** Calls {@code listener} with every event of {@code type} the directory publishes from now on. */
    public <E> void listen(Class<E> type, Consumer<E> listener) {
        context.addApplicationListener(event -> {
            if (event instanceof PayloadApplicationEvent<?> payload && type.isInstance(payload.getPayload())) {
                listener.accept(type.cast(payload.getPayload()));
            }
        });
    }

    /** Publishes an event in the directory, as one of its modules would. */
    public void publish(Object event) {
        context.publishEvent(event);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Polls until the condition holds, failing with {@code what} after the timeout. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        context.close();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return parse(response);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }
}
