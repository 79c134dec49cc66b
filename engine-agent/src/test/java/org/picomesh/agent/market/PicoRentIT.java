package org.picomesh.agent.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentCli;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.ChainConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;
import picocli.CommandLine;

/**
 * A pico pays its own rent, on anvil with a real pico engine and its agent: its first lease opens on its policy's
 * terms, the agent tops it up from the pico's account before it runs out (once, a restart of the agent
 * notwithstanding), and an account that cannot pay is said loudly (the rent's state, the metric, {@code pico status}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PicoRentIT {
    private static final BigInteger PRICE = BigInteger.valueOf(1_000_000_000_000_000L); // sample advert 1, per hour
    private static final String POLICY = "{\"constraints\":{\"maxPrice\":\"2000000000000000\"},\"prepaidSeconds\":7200}";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private AgentMesh mesh;
    private TestPicos picos;
    private Path data;
    private ConfigurableApplicationContext agent;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh();
        picos = new TestPicos(mesh.engine.url());
        picos.registerCounter();
        data = mesh.newDataDir();
        agent = startAgent();
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aLeaseNearItsEndIsToppedUpFromThePicosAccountOnceEvenAcrossARestart() throws Exception {
        String pico = enrolledWithLease("payer", "1");
        BigInteger opened = lease(pico).deposit;
        assertThat(opened).as("two hours at the engine's price").isEqualTo(PRICE.multiply(BigInteger.TWO));

        BigInteger account = balance(pico);
        warp(6000); // 1,200 s left of 7,200: under the quarter
        await("the lease topped up", () -> lease(pico).deposit.compareTo(opened) > 0);
        BigInteger topped = lease(pico).deposit;
        assertThat(account.subtract(balance(pico))).as("paid from the pico's own account, gas included")
                .isGreaterThan(topped.subtract(opened));
        BigInteger left = topped.subtract(lease(pico).accrued);
        assertThat(left).as("paid two hours ahead again").isBetween(PRICE.multiply(BigInteger.TWO)
                .subtract(PRICE.divide(BigInteger.valueOf(60))), PRICE.multiply(BigInteger.TWO));
        assertThat(rent(pico).path("kind").asText()).isIn("PAID_AHEAD", "TOPPED_UP");

        agent.close();
        agent = startAgent();
        await("the restarted agent to look at the rent", () -> rent(pico).path("kind").asText().equals("PAID_AHEAD"));
        Thread.sleep(1500); // several rounds of the restarted agent
        assertThat(lease(pico).deposit).as("no second top-up").isEqualTo(topped);
    }

    @Test
    void anAccountThatCannotPayItsNextTopUpIsSaidLoudly() throws Exception {
        String pico = enrolledWithLease("poor", "1");
        mesh.anvil.call("anvil_setBalance", pico, "0x0");

        warp(6000);
        await("the agent to find the account empty", () -> rent(pico).path("kind").asText()
                .equals("ACCOUNT_CANNOT_TOP_UP"));

        JsonNode rent = rent(pico);
        assertThat(new BigInteger(rent.path("needsWei").asText())).isGreaterThan(PRICE); // the top-up and its gas
        assertThat(rent.path("secondsLeft").asLong()).isBetween(1L, 1200L);
        assertThat(agent.getBean(MeterRegistry.class).get("picomesh.rent.unfunded").gauge().value()).isPositive();
        String status = cli("pico", "status", pico, "--deployment", mesh.state.resolve("deployment.json").toString(),
                "--agent", "http://127.0.0.1:" + AgentMesh.port(agent));
        assertThat(status).containsPattern("rent: runs out in \\d+ min \\d+ s .*, account cannot top up: needs "
                + "0\\.00\\d+ ETH");
    }

    private String enrolledWithLease(String name, String ether) throws Exception {
        String eci = picos.child(picos.rootEci(), name, TestPicos.COUNTER);
        String pico = post("/admin/enrolments", "{\"eci\":\"" + eci + "\"}").path("pico").asText();
        mesh.anvil.call("anvil_setBalance", pico, Numeric.toHexStringWithPrefix(AgentMesh.ether(ether)));
        Instant deadline = Instant.now().plusSeconds(60);
        HttpResponse<String> opened;
        do { // until the agent has followed its engine's advert, which it checks before the pico pays
            opened = send("/admin/picos/" + pico + "/lease-by-policy", POLICY);
            assertThat(Instant.now()).as(opened.body()).isBefore(deadline);
        } while (opened.statusCode() == 503 && sleep());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(json.readTree(opened.body()).path("prepaidSeconds").asLong()).isEqualTo(7200);
        return pico;
    }

    private ConfigurableApplicationContext startAgent() {
        return mesh.startAgent(data, "--picomesh.agent.rent.interval=300ms");
    }

    private org.picomesh.contracts.generated.LeaseEscrow.LeaseView lease(String pico) throws Exception {
        return mesh.pico(1).currentLease(pico).send();
    }

    private void warp(long seconds) throws Exception {
        mesh.anvil.call("evm_increaseTime", seconds);
        mesh.anvil.call("evm_mine");
    }

    private JsonNode rent(String pico) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/admin/picos/" + pico
                + "/rent")).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(answer.body());
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> answer = send(path, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + AgentMesh.port(agent);
    }

    private static String cli(String... args) {
        CommandLine cli = AgentCli.commandLine(java.util.Map.of());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        cli.execute(args);
        return out.toString();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!check.holds()) {
            assertThat(Instant.now()).as("waited a minute for " + what).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(300);
        return true;
    }

    private BigInteger balance(String address) throws Exception {
        try (ChainConnection chain = ChainConnection.readOnly(mesh.anvil.rpcUrl())) {
            return chain.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
        }
    }
}
