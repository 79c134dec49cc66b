package org.picomesh.agent.picoengine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback forwarder in front of a real engine that records the path of each call it forwards: how a test sees how
 * many round trips the agent's engine client takes for one of its operations. Only what the client sends and reads
 * (form posts, the status, the body, Location) crosses it.
 */
final class CountingProxy implements AutoCloseable {
    private final URI engine;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> calls = new ArrayList<>();

    CountingProxy(String engineUrl) throws IOException {
        this.engine = URI.create(engineUrl);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The paths of the calls forwarded since the last {@link #reset}, in order. */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized void reset() {
        calls.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            URI target = engine.resolve(exchange.getRequestURI().getRawPath() + (exchange.getRequestURI()
                    .getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            synchronized (this) {
                calls.add(exchange.getRequestURI().getPath());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body.readAllBytes()));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                request.header("Content-Type", type);
            }
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Location").ifPresent(l -> exchange.getResponseHeaders().set("Location", l));
            exchange.getResponseHeaders().set("Content-Type", answer.headers().firstValue("Content-Type")
                    .orElse("application/json"));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
