package org.picomesh.directory.picos;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.picomesh.directory.probes.LoopbackDocuments;

/** A popular pico page asks its host once per period, not once per view; a real HTTP host on loopback. */
class HostReportsTest {
    private static final String DID = "did:pkh:eip155:31337:0x00000000000000000000000000000000000000aa";
    private final AtomicInteger hostAsked = new AtomicInteger();
    /** The reports' clock, moved by the test: nothing waits for time to pass. */
    private final AtomicLong nanos = new AtomicLong();
    private HttpServer host;

    @BeforeEach
    void start() throws Exception {
        host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        host.createContext("/picomesh/picos/", exchange -> {
            byte[] body = ("{\"did\": \"" + DID + "\", \"decisions\": [{\"at\": \"2026-12-01T17:00:00Z\", \"kind\": \"stayed\","
                    + " \"from\": null, \"to\": null, \"reason\": \"asked " + hostAsked.incrementAndGet() + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        host.start();
    }

    @AfterEach
    void stop() {
        host.stop(0);
    }

    @Test
    void aHostIsAskedOncePerPeriodHoweverOftenThePicoPageIsRead() {
        HostReports reports = new HostReports(LoopbackDocuments.pinned(), new PicoProperties(Duration.ofSeconds(30), 100, 8),
                nanos::get, Clock.fixed(Instant.parse("2026-12-01T18:00:00Z"), ZoneOffset.UTC));
        String endpoint = "http://host.example:" + host.getAddress().getPort();

        for (int view = 0; view < 5; view++) {
            assertThat(reason(reports.report(3, endpoint, DID))).isEqualTo("asked 1");
        }
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(reason(reports.report(3, endpoint, DID))).as("asked again once the period is over").isEqualTo("asked 2");
        assertThat(reason(reports.report(4, endpoint, DID))).as("another host's report is its own").isEqualTo("asked 3");
        assertThat(hostAsked).hasValue(3);
    }

    private static String reason(HostReport report) {
        assertThat(report.answered()).as(String.valueOf(report.problem())).isTrue();
        return report.decisions().get(0).reason();
    }
}
