package org.picomesh.directory.probes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.endpoint.AddressResolver;
import org.picomesh.contracts.endpoint.EndpointGuard;

/** A host's document is read the guarded way: checked address only, bounded size, its status as it said it. */
class HostDocumentsTest {
    private HttpServer server;
    private final AtomicReference<String> hostHeader = new AtomicReference<>();
    private final AtomicReference<String> posted = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/agent/picomesh/picos/small", exchange -> {
            hostHeader.set(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = "{\"did\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, 0); // no length: the body ends with the connection
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/agent/picomesh/picos/big", exchange -> {
            exchange.sendResponseHeaders(200, 70_000);
            exchange.getResponseBody().write(new byte[70_000]);
            exchange.close();
        });
        server.createContext("/agent/sky/event/", exchange -> {
            byte[] got = exchange.getRequestBody().readAllBytes();
            posted.set(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(got, StandardCharsets.UTF_8));
            byte[] body = "{\"directives\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/agent/slow", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            try {
                for (int i = 0; i < 100; i++) { // a byte every 0.5 s: each read within its timeout, the whole not
                    exchange.getResponseBody().write('x');
                    exchange.getResponseBody().flush();
                    Thread.sleep(500);
                }
            } catch (InterruptedException | java.io.IOException e) {
                // the reader gave up
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HostDocuments documents(boolean allowLoopback) {
        AddressResolver pinned = host -> List.of(InetAddress.getLoopbackAddress());
        return new HostDocuments(new EndpointGuard(List.of("10.0.0.0/8"), allowLoopback, pinned), Duration.ofSeconds(2),
                65_536);
    }

    private String endpoint() {
        return "http://agent.example:" + server.getAddress().getPort() + "/agent/";
    }

    @Test
    void readsTheBodyFromTheCheckedAddressWithTheEndpointsOwnHostName() {
        HostDocuments.Answer answer = documents(true).get(endpoint(), "/picomesh/picos/small");
        assertThat(answer.answered()).isTrue();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"did\":\"x\"}");
        assertThat(hostHeader.get()).isEqualTo("agent.example:" + server.getAddress().getPort());
    }

    @Test
    void aMissingDocumentIsItsStatusAndAnOversizedOneNoAnswer() {
        assertThat(documents(true).get(endpoint(), "/picomesh/picos/none").status()).isEqualTo(404);
        assertThat(documents(true).get(endpoint(), "/picomesh/picos/big").failure())
                .isEqualTo("answer larger than 65536 bytes");
    }

    @Test
    void aRefusedEndpointIsNeverAsked() {
        assertThat(documents(false).get(endpoint(), "/picomesh/picos/small").failure())
                .isEqualTo("not asked: loopback addresses are probed on a dev chain only");
        assertThat(hostHeader.get()).isNull();
    }

    @Test
    void postsAJsonBodyAndReadsTheAnswer() {
        HostDocuments.Answer answer = documents(true).post(endpoint(), "/sky/event/abc/e1/market/policy_given",
                "{\"policy\":\"{}\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"directives\":[]}");
        assertThat(posted.get()).isEqualTo("POST application/json {\"policy\":\"{}\"}");
    }

    @Test
    void aHostThatTricklesItsAnswerIsLeftWhenTheWholeTimeoutHasPassed() {
        // each byte comes within the 2 s read timeout: only the deadline for the whole answer ends it
        assertThat(documents(true).get(endpoint(), "/slow").failure()).isEqualTo("timed out");
    }
}
