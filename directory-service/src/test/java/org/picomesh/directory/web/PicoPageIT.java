package org.picomesh.directory.web;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.picomesh.contracts.PicoDid;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.picomesh.directory.support.Browser;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;

/**
 * The pico page in real Chromium over a real chain and database: rent left, past hosts with the reasons of each move,
 * and the policy, as the pico's host reports them. The hosts' agents are stood in for by a small HTTP server in this
 * test answering the agents' public read {@code GET {endpoint}/picomesh/picos/{did}} in its agreed shape (the engine
 * agent's own endpoint is built elsewhere): what the directory relies on is that shape, and its guard and limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PicoPageIT {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Duration INDEXED = Duration.ofSeconds(20);

    private TestChain chain;
    private HttpServer hosts;
    /** What each stand-in agent reports, by its path and the pico's DID in lower case. */
    private final Map<String, String> reports = new ConcurrentHashMap<>();
    private Directory directory;
    private Browser browser;
    private long engineA;
    private long engineB;
    private long silentEngine;

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        hosts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hosts.createContext("/", this::report);
        hosts.start();
        String base = "http://127.0.0.1:" + hosts.getAddress().getPort();
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of("picomesh.probes.enabled", false,
                "picomesh.probes.allow-loopback", true, "picomesh.picos.host-report-ttl", "0s"));
        engineA = chain.register(2, SampleAdverts.advert(base + "/agent-a", 2, 4), "1");
        engineB = chain.register(3, SampleAdverts.advert(base + "/agent-b", 3, 4), "1");
        silentEngine = chain.register(4, SampleAdverts.advert("http://127.0.0.1:" + unusedPort(), 1, 4), "1");
        browser = new Browser();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (hosts != null) {
            hosts.stop(0);
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void showsRentLeftPastHostsWithTheReasonOfEachMoveAndThePolicyAsItsHostReportsThem() throws Exception {
        Credentials key = SampleAdverts.pico(51);
        String did = openLease(key, engineA);
        LeaseEscrow pico = escrowAs(key);
        pico.moveLease(BigInteger.valueOf(engineB), ANY_PRICE).send();
        chain.escrow(3).acceptMove(pico.currentLease(key.getAddress()).send().id).send();
        reports.put("/agent-b " + did.toLowerCase(Locale.ROOT), """
                {"did": "%s", "policy": {"constraints": {"maxPrice": "4000000000000000", "regions": ["us-east"]},
                   "weights": {"latency": 3, "cost": 1}, "moves": {"maxMoves": 2, "windowSeconds": 86400}},
                 "decisions": [
                   {"at": "2026-12-01T17:00:00Z", "kind": "moved", "from": %d, "to": %d, "reason": "%s lower latency"},
                   {"at": "2026-12-01T16:00:00Z", "kind": "stayed", "from": %d, "to": null, "reason": "best already"}]}
                """.formatted(did, engineA, engineB, HOSTILE, engineA));
        String path = path(did);
        Directory.await("the accepted move to be indexed", INDEXED,
                () -> directory.get(path).at("/current/engineId").asLong() == engineB);

        JsonNode before = directory.get(path);
        Instant started = blockTime(before.at("/current/openedBlock").asLong());
        BigInteger deposit = new BigInteger(before.at("/current/deposit/value").asText());
        BigInteger price = new BigInteger(before.at("/current/pricePerHour/value").asText());
        Instant paidUntil = started.plusSeconds(deposit.multiply(BigInteger.valueOf(3600)).divide(price).longValueExact());
        assertThat(Instant.parse(before.at("/rent/paidUntil").asText())).isEqualTo(paidUntil);
        assertThat(before.at("/host/source").asText()).isEqualTo("reported by the host, not verified");
        assertThat(before.at("/host/decisions/0/reason").asText()).startsWith(HOSTILE);

        chain.anvil.call("evm_increaseTime", 3600);
        chain.anvil.call("evm_mine");
        Instant now = blockTime(chain.blockNumber());
        Directory.await("the rent to be counted at the new chain time", INDEXED,
                () -> Instant.parse(directory.get(path).at("/rent/asOf").asText()).equals(now));
        BigInteger accrued = price.multiply(BigInteger.valueOf(now.getEpochSecond() - started.getEpochSecond()))
                .divide(BigInteger.valueOf(3600));
        JsonNode after = directory.get(path);
        assertThat(after.at("/rent/left/value").asText()).isEqualTo(eth(deposit.subtract(accrued)));
        assertThat(after.at("/rent/left/unit").asText()).isEqualTo("ETH");

        open("#/picos/" + did);
        WebElement source = waitFor("pico-report-source");
        assertThat(source.getText()).contains("Engine " + engineB).contains("not verified");
        assertThat(text("pico-rent")).startsWith("Rent left: ").contains("paid until " + SHOWN.format(paidUntil));
        WebElement firstStay = browser.driver.findElements(By.cssSelector("#pico-history li")).get(0);
        assertThat(firstStay.getText()).startsWith("engine " + engineA + " from 20")
                .contains("why it moved, as its host reports: " + HOSTILE + " lower latency");
        assertThat(text("pico-policy")).contains("Pays at most 0.004 ETH per pico-hour.")
                .contains("Its host must be in \"us-east\".")
                .contains("Among those, it prefers low latency (75%) and a low price (25%).")
                .contains("at most 2 moves in any 1 day");
        assertThat(text("pico-decisions")).contains("stayed at 2026-12-01 16:00:00 UTC from engine " + engineA);
        assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(browser.driver.executeScript("return typeof window.alertFired")).isEqualTo("undefined");
        browser.screenshot("pico-rent-policy");
    }

    @Test
    void aHostThatDoesNotAnswerOrDoesNotHostThePicoIsSaidPlainlyNextToTheChainsFacts() throws Exception {
        String silent = openLease(SampleAdverts.pico(52), silentEngine);
        String elsewhere = openLease(SampleAdverts.pico(53), engineA);
        Directory.await("both leases to be indexed", INDEXED, () -> directory.getRaw(path(silent)).statusCode() == 200
                && directory.getRaw(path(elsewhere)).statusCode() == 200);

        assertThat(directory.get(path(silent)).at("/host/problem").asText()).startsWith("the host did not answer: ");
        assertThat(directory.get(path(elsewhere)).at("/host/problem").asText())
                .isEqualTo("the host says it does not host this pico (HTTP 404)");

        open("#/picos/" + silent);
        assertThat(waitFor("pico-report-problem").getText()).startsWith("the host did not answer");
        assertThat(text("pico-rent")).contains("paid until");
        assertThat(text("pico-host")).contains("engine " + silentEngine);
    }

    private String openLease(Credentials key, long engine) throws Exception {
        chain.anvil.call("anvil_setBalance", key.getAddress(), "0x8ac7230489e80000");
        escrowAs(key).openLease(BigInteger.valueOf(engine), ANY_PRICE, TestChain.ether("0.01")).send();
        return new PicoDid(chain.deployment.chainId(), key.getAddress()).toString();
    }

    private LeaseEscrow escrowAs(Credentials key) {
        return chain.as(DevAccounts.DEPLOYER).as(key).escrow(chain.deployment.escrow());
    }

    /** The stand-in agents: the report kept for this agent and pico, else 404 as an agent answers. */
    private void report(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/picomesh/picos/", 2);
        String body = parts.length == 2 ? reports.get(parts[0] + " " + parts[1].toLowerCase(Locale.ROOT)) : null;
        byte[] bytes = (body == null ? "{\"detail\":\"no pico with this DID is hosted here\"}" : body)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Instant blockTime(long number) throws IOException {
        return Instant.ofEpochSecond(chain.as(DevAccounts.DEPLOYER).web3j()
                .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send()
                .getBlock().getTimestamp().longValueExact());
    }

    private static String eth(BigInteger wei) {
        BigDecimal ether = new BigDecimal(wei).movePointLeft(18).stripTrailingZeros();
        return ether.signum() == 0 ? "0" : ether.toPlainString();
    }

    private static String path(String did) {
        return "/api/picos/" + URLEncoder.encode(did, StandardCharsets.UTF_8);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void open(String hash) {
        browser.driver.get(directory.baseUrl() + "/" + hash);
        browser.driver.executeScript("window.alert = () => { window.alertFired = true; };");
    }

    private WebElement waitFor(String id) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.id(id)).stream().findFirst().orElse(null));
    }

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }
}
