package org.picomesh.contracts.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.picomesh.contracts.follow.RpcErrors.Kind.FAILED;
import static org.picomesh.contracts.follow.RpcErrors.Kind.RANGE_TOO_LARGE;
import static org.picomesh.contracts.follow.RpcErrors.Kind.RATE_LIMITED;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * What providers answer when they will not serve a request, sorted. The messages are providers' own wording; a
 * local anvil never limits ranges or rates, so these cannot be had from a real node here.
 */
class RpcErrorsTest {
    @Test
    void rateLimitsAreRecognisedByCodeOrWording() {
        assertThat(RpcErrors.classify(-32005, "daily request count exceeded, request rate limited")).isEqualTo(RATE_LIMITED);
        assertThat(RpcErrors.classify(-32005, "limit exceeded")).isEqualTo(RATE_LIMITED);
        assertThat(RpcErrors.classify(429, "Too Many Requests")).isEqualTo(RATE_LIMITED);
        assertThat(RpcErrors.classify(-32000, "Your app has exceeded its compute units per second capacity: rate limit"))
                .isEqualTo(RATE_LIMITED);
    }

    @Test
    void logQueriesTooBigToServeAreRecognisedByTheirWording() {
        assertThat(RpcErrors.classify(-32005, "query returned more than 10000 results")).isEqualTo(RANGE_TOO_LARGE);
        assertThat(RpcErrors.classify(-32602, "Log response size exceeded. You can make eth_getLogs requests with up to"
                + " a 2K block range and no limit on the response size")).isEqualTo(RANGE_TOO_LARGE);
        assertThat(RpcErrors.classify(-32614, "eth_getLogs is limited to a 10,000 range")).isEqualTo(RANGE_TOO_LARGE);
        assertThat(RpcErrors.classify(-32600, "block range is too wide")).isEqualTo(RANGE_TOO_LARGE);
        assertThat(RpcErrors.classify(-32005, "Requested range exceeds maximum range limit")).isEqualTo(RANGE_TOO_LARGE);
        assertThat(RpcErrors.classify(-32602, "query exceeds max block range 100000")).isEqualTo(RANGE_TOO_LARGE);
    }

    @Test
    void anythingElseIsAFailureToRetry() {
        assertThat(RpcErrors.classify(-32000, "header not found")).isEqualTo(FAILED);
        assertThat(RpcErrors.classify(-32603, "internal error")).isEqualTo(FAILED);
        assertThat(RpcErrors.of(new IOException("Connection refused")).kind()).isEqualTo(FAILED);
    }

    /** Through web3j's own HttpService, which reports a non-2xx answer as an exception carrying the status. */
    @Test
    void http429IsARateLimitAndHttp503AFailure() throws IOException {
        assertThat(kindOfHttpAnswer(429)).isEqualTo(RATE_LIMITED);
        assertThat(kindOfHttpAnswer(503)).isEqualTo(FAILED);
    }

    private static RpcErrors.Kind kindOfHttpAnswer(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"error\":\"slow down\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Web3j web3j = Web3j.build(new HttpService("http://127.0.0.1:" + server.getAddress().getPort()));
        try {
            RuntimeException failure = catchThrowableOfType(RuntimeException.class, () -> web3j.ethBlockNumber().send());
            assertThat(failure).as("HTTP %s", status).isNotNull();
            return RpcErrors.of(failure).kind();
        } finally {
            web3j.shutdown();
            server.stop(0);
        }
    }
}
