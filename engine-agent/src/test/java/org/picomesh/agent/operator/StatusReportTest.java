package org.picomesh.agent.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.follow.MarketEvent.AdvertPublished;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.utils.Numeric;

/**
 * The chain's and the directory's views side by side. The directory here is a stand-in serving the JSON of its
 * {@code GET /api/engines/{id}} (a recorded answer of the directory's shape): the directory service is another module,
 * not on this module's test classpath; OperatorCliIT shows the chain side against a real anvil.
 */
class StatusReportTest {
    private static final String OPERATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String AGENT = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private HttpServer directory;

    @BeforeEach
    void startDirectory() throws IOException {
        directory = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        directory.createContext("/api/engines/", exchange -> {
            byte[] body;
            try (InputStream in = getClass().getResourceAsStream("directory-engine-1.json")) {
                body = in.readAllBytes();
            }
            boolean known = exchange.getRequestURI().getPath().equals("/api/engines/1");
            exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
            if (known) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        directory.start();
    }

    @AfterEach
    void stopDirectory() {
        directory.stop(0);
    }

    private URI directoryUrl() {
        return URI.create("http://127.0.0.1:" + directory.getAddress().getPort() + "/");
    }

    @Test
    void showsAdvertisedAgainstMeasuredLatencyAndWhereTheTwoSidesDiffer() {
        DirectoryView view = DirectoryView.fetch(directoryUrl(), 1);
        assertThat(view.present()).isTrue();
        String printed = print(new StatusReport(chain(new BigInteger("1500000000000000000")), view));

        assertThat(line(printed, "latency")).contains("advertised 25 ms", "measured p50 3.125 ms, p95 7.5 ms (24 h)");
        assertThat(line(printed, "availability")).contains("98.0 % (24 h), 100.0 % (1 h), 95.0 % (7 d)");
        assertThat(line(printed, "agent")).contains(AGENT + " ").endsWith(AGENT);
        // the chain has 1.5 ETH at stake, the directory still shows 1 ETH: marked
        assertThat(line(printed, "stake")).startsWith("stake            * 1.5 ETH").endsWith("1 ETH");
        assertThat(line(printed, "capacity")).doesNotContain("*");
        assertThat(printed).contains("* the two differ");
    }

    @Test
    void withoutADirectoryShowsTheChainAlone() {
        String printed = print(new StatusReport(chain(new BigInteger("1000000000000000000")), null));
        assertThat(line(printed, "stake")).isEqualTo("stake              1 ETH");
        assertThat(line(printed, "open challenges")).contains("1: #4 until 2026-12-01T10:00:00Z");
        assertThat(printed).doesNotContain("directory");
    }

    @Test
    void anEngineTheDirectoryDoesNotKnowOrADirectoryAwayIsSaidAndTheChainSideStillShown() throws IOException {
        DirectoryView unknown = DirectoryView.fetch(directoryUrl(), 2);
        assertThat(unknown.problem()).isEqualTo("does not know engine 2 (not indexed yet?)");
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        DirectoryView away = DirectoryView.fetch(URI.create("http://127.0.0.1:" + closed), 1);
        assertThat(away.problem()).startsWith("unreachable at http://127.0.0.1:" + closed + "/api/engines/1");
        String printed = print(new StatusReport(chain(BigInteger.ONE), away));
        assertThat(printed).contains("the directory unreachable at");
        assertThat(line(printed, "operator")).contains(OPERATOR);
    }

    private static ChainStatus chain(BigInteger stake) {
        byte[] hash = Numeric.hexStringToByteArray("0x" + "11".repeat(32));
        EngineRegistry.EngineView engine = new EngineRegistry.EngineView(OPERATOR, AGENT, OPERATOR,
                "0x0000000000000000000000000000000000000000", stake, BigInteger.ZERO, BigInteger.ZERO,
                new BigInteger("1000000000000000"), BigInteger.valueOf(5), BigInteger.ONE, BigInteger.ONE,
                BigInteger.ZERO, false, true, hash);
        AdvertPublished advert = new AdvertPublished(1, "0x" + "11".repeat(32), "http://127.0.0.1:8101",
                "did:web:engine-1.picomesh.example", new BigInteger("1000000000000000"), 25, 5, "eu-west", "",
                "0x" + "22".repeat(32));
        return new ChainStatus(1, 7, engine,
                List.of(new ChainStatus.OpenChallenge(4, Instant.parse("2026-12-01T10:00:00Z"))), Optional.of(advert),
                BigInteger.ZERO);
    }

    private static String print(StatusReport report) {
        StringWriter out = new StringWriter();
        report.print(new PrintWriter(out));
        return out.toString();
    }

    private static String line(String printed, String label) {
        return printed.lines().filter(l -> l.startsWith(label + " ")).findFirst().orElseThrow().stripTrailing();
    }
}
