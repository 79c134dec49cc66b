package org.picomesh.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The agent keeps its engine's advert truthful, on a real anvil, a real pico engine and its own PostgreSQL: the
 * capacity follows the picos really on the engine (and the leases that ended), the latency it measures of its own
 * front door is re-advertised only when it drifts, and every other field of the advert stays as the operator wrote
 * it. In order: each step starts from the chain the previous one left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdvertIT {
    private static final int MAX_PICOS = 4;
    private static final long OPERATORS_LATENCY = 20;
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private AgentMesh mesh;
    private ConfigurableApplicationContext agent;
    private EngineRegistry operator;
    private String endpoint;
    private BigInteger engineId;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh();
        engineId = BigInteger.valueOf(mesh.engineId);
        operator = mesh.registry(AgentMesh.OPERATOR);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + port;
        // the operator advertises the agent's front door, a latency close to what it measures, its maximum capacity
        operator.updateAdvert(engineId, advert(MAX_PICOS, OPERATORS_LATENCY)).send();
        agent = mesh.startAgent(mesh.newDataDir(), "--server.port=" + port, "--picomesh.agent.max-picos=" + MAX_PICOS,
                "--picomesh.agent.advert-interval=200ms", "--picomesh.agent.latency-drift-ms=200",
                "--picomesh.agent.latency-drift-percent=50", "--picomesh.agent.latency-drift-checks=3");
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    /** The operator's advert with the given capacity and latency: every other field as the operator wrote it. */
    private EngineRegistry.Advert advert(long capacity, long latencyMs) {
        EngineRegistry.Advert sample = SampleAdverts.advert(endpoint, 1, 1);
        return new EngineRegistry.Advert(sample.endpoint, sample.did, sample.pricePerHour,
                BigInteger.valueOf(latencyMs), BigInteger.valueOf(capacity), sample.region, sample.metadataCid,
                sample.encryptionKey);
    }

    @Test
    @Order(1)
    void latencyNoiseWithinTheThresholdsCostsNoGas() throws Exception {
        BigInteger agentNonce = agentNonce();
        double before = measured("within");
        await("six measurements of the front door within the thresholds", () -> measured("within") >= before + 6);
        assertThat(published()).as("adverts published").isZero();
        assertThat(agentNonce()).as("no transaction from the agent key").isEqualTo(agentNonce);
        assertThat(advertOnChain()).isEqualTo(hash(advert(MAX_PICOS, OPERATORS_LATENCY)));
    }

    @Test
    @Order(2)
    void picosCreatedOnTheEngineOffMarketTakeTheirSlotsOutOfTheAdvert() throws Exception {
        newPicoOnTheEngine("off-market-1");
        newPicoOnTheEngine("off-market-2");
        await("the capacity re-advertised", () -> capacity() == MAX_PICOS - 2);
        assertThat(advertOnChain()).as("every other field as the operator wrote it")
                .isEqualTo(hash(advert(MAX_PICOS - 2, OPERATORS_LATENCY)));
        // once or twice: the agent may have counted the engine between the two picos
        assertThat(published("capacity")).isBetween(1.0, 2.0).isEqualTo(published());
    }

    @Test
    @Order(3)
    void theCapacityNeverFallsBelowTheLeasesActive() throws Exception {
        mesh.pico(1).openLease(engineId, ANY_PRICE, AgentMesh.ether("0.01")).send();
        mesh.pico(2).openLease(engineId, ANY_PRICE, AgentMesh.ether("0.01")).send();
        double adverts = published();
        newPicoOnTheEngine("off-market-3"); // 4 - 3 = 1 slot, but 2 leases hold theirs
        double before = measured("within");
        await("the agent looked at the engine again", () -> measured("within") >= before + 5);
        assertThat(capacity()).isEqualTo(2);
        assertThat(published()).isEqualTo(adverts);
    }

    @Test
    @Order(4)
    void anEndedLeaseFreesItsSlotAndAReorgThatUndoesTheEndUndoesThat() throws Exception {
        long blockBefore = head();
        mesh.pico(1).close().send(); // lease 1: the first opened on this market
        await("the end recorded with its reason", () -> "closed".equals(endReason(1)));
        assertThat(ended("closed")).isEqualTo(1);
        await("the capacity down to the one lease left", () -> capacity() == 1);

        mesh.anvil.call("anvil_reorg", (int) (head() - blockBefore), List.of());
        await("the lease active again", () -> endReason(1) == null);
        assertThat(jdbc().queryForObject("select ended_block from hosted_lease where id = 1", Long.class)).isNull();
        assertThat(counter("picomesh.agent.leases.resumed", Map.of()).count()).isEqualTo(1);
        assertThat(capacity()).as("the agent's update left the chain with the end").isEqualTo(2);
    }

    @Test
    @Order(5)
    void aLatencyThatDriftsForSeveralMeasurementsIsReAdvertised() throws Exception {
        long capacity = capacity();
        operator.updateAdvert(engineId, advert(capacity, 5_000)).send(); // far off what the agent measures
        double drifting = measured("drifting");
        await("the measured latency re-advertised", () -> published("latency") == 1);
        assertThat(measured("drifting")).as("only after several drifting measurements").isGreaterThanOrEqualTo(
                drifting + 3);
        long latency = (long) meters().get("picomesh.agent.front-door.latency.ms").gauge().value();
        assertThat(latency).isLessThan(200);
        // the advert on the chain is the operator's with the latency the agent measured, nothing else changed
        await("the advert on the chain", () -> advertOnChain().equals(hash(advert(capacity, latencyOnChain()))));
        assertThat(latencyOnChain()).isLessThan(200);
    }

    private void newPicoOnTheEngine(String name) throws Exception {
        String root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(mesh.engine.url()
                + "/api/root-eci")).path("eci").asText();
        assertThat(get(mesh.engine.url() + "/sky/event/" + root + "/test/wrangler/new_child_request?name=" + name))
                .contains("Pico_Created");
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private long capacity() throws Exception {
        return operator.engine(engineId).send().capacity.longValueExact();
    }

    /** The latency of the advert in force, from the last AdvertPublished of the engine. */
    private long latencyOnChain() throws Exception {
        var filter = new org.web3j.protocol.core.methods.request.EthFilter(DefaultBlockParameterName.EARLIEST,
                DefaultBlockParameterName.LATEST, operator.getContractAddress());
        filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(EngineRegistry.ADVERTPUBLISHED_EVENT));
        var logs = agent.getBean(org.picomesh.contracts.ChainConnection.class).web3j().ethGetLogs(filter).send()
                .getLogs();
        var last = (org.web3j.protocol.core.methods.response.Log) logs.get(logs.size() - 1).get();
        return EngineRegistry.getAdvertPublishedEventFromLog(last).latencyMs.longValueExact();
    }

    private String advertOnChain() throws Exception {
        return org.web3j.utils.Numeric.toHexString(operator.engine(engineId).send().advertHash);
    }

    private String hash(EngineRegistry.Advert advert) throws Exception {
        return org.web3j.utils.Numeric.toHexString(operator.hashAdvert(advert).send());
    }

    private long head() throws Exception {
        return agent.getBean(org.picomesh.contracts.ChainConnection.class).web3j().ethBlockNumber().send()
                .getBlockNumber().longValueExact();
    }

    private BigInteger agentNonce() throws Exception {
        return agent.getBean(org.picomesh.contracts.ChainConnection.class).web3j().ethGetTransactionCount(
                DevAccounts.account(AgentMesh.AGENT).getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    private String endReason(long leaseId) {
        List<String> reasons = jdbc().queryForList("select end_reason from hosted_lease where id = ?", String.class,
                leaseId);
        return reasons.isEmpty() ? "not hosted" : reasons.get(0);
    }

    private JdbcTemplate jdbc() {
        return agent.getBean(JdbcTemplate.class);
    }

    private MeterRegistry meters() {
        return agent.getBean(MeterRegistry.class);
    }

    private Counter counter(String name, Map<String, String> tags) {
        var search = meters().find(name);
        for (var tag : tags.entrySet()) {
            search = search.tag(tag.getKey(), tag.getValue());
        }
        Counter found = search.counter();
        return found != null ? found : meters().counter(name + ".absent");
    }

    private double measured(String outcome) {
        return counter("picomesh.agent.adverts.latency.measured", Map.of("outcome", outcome)).count();
    }

    private double published() {
        return meters().find("picomesh.agent.adverts.published").counters().stream().mapToDouble(Counter::count).sum();
    }

    private double published(String reason) {
        return counter("picomesh.agent.adverts.published", Map.of("reason", reason)).count();
    }

    private double ended(String reason) {
        return counter("picomesh.agent.leases.ended", Map.of("reason", reason)).count();
    }

    private static void await(String what, ThrowingCondition condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what);
            }
            Thread.sleep(100);
        }
    }

    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
