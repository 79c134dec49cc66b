package org.picomesh.agent.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.picomesh.agent.AgentCli;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.Await;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;
import picocli.CommandLine;

/**
 * Two real pico engines (A and B, quiet) behind two agent daemons in this JVM, each with its own agent key,
 * encryption key, database and snapshot store, on one anvil; each engine's advert names its agent's real endpoint
 * and encryption key. Engine C is registered only, nobody answers for it, unless a test gives it an engine and an
 * agent of its own ({@link #startC}). A further engine can join the market mid-test ({@link #join}).
 */
final class MoveMesh implements AutoCloseable {
    static final int OPERATOR_B = 3;
    static final int AGENT_B = 5;
    static final int OPERATOR_C = 6;
    static final int AGENT_C = 7;
    static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    final AgentMesh mesh;
    final PicoEngineProcess engineB;
    final long engineB_id;
    final long engineC_id;
    final Side a;
    final Side b;
    /** Engine C's side, once {@link #startC} gave it an engine and an agent. */
    Side c;
    PicoEngineProcess engineC;
    private final List<String> settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One agent of the mesh: how to start it again on the same database and store. */
    final class Side {
        final long engineId;
        final String engineUrl;
        final Credentials agentKey;
        final Credentials operator;
        final Path data;
        final Path snapshots;
        final EncryptionKey key;
        final int port;
        ConfigurableApplicationContext agent;

        Side(long engineId, String engineUrl, int operatorAccount, int agentAccount) throws Exception {
            this(engineId, engineUrl, DevAccounts.account(operatorAccount), DevAccounts.account(agentAccount),
                    new EncryptionKey(KeyPairGenerator.getInstance("X25519").generateKeyPair()), freePort());
        }

        Side(long engineId, String engineUrl, Credentials operator, Credentials agentKey, EncryptionKey key, int port)
                throws Exception {
            this.engineId = engineId;
            this.engineUrl = engineUrl;
            this.operator = operator;
            this.agentKey = agentKey;
            this.data = mesh.newDataDir();
            this.snapshots = mesh.newDataDir();
            this.key = key;
            this.port = port; // fixed: the advert names it across restarts
        }

        /** The registry as this engine's operator signs for it. */
        EngineRegistry registry() {
            return mesh.registry(operator);
        }

        /** Starts the agent (again: same database, store, port and settings). */
        void start() {
            List<String> args = new ArrayList<>(List.of("--picomesh.agent.snapshot.dir=" + snapshots,
                    "--picomesh.agent.moved-copy-grace=10s", "--picomesh.agent.move-poll=100ms",
                    "--picomesh.agent.move-attempts=40", "--picomesh.agent.advert-interval=1h",
                    "--server.port=" + port, "--picomesh.agent.move-finality=0"));
            args.addAll(settings);
            agent = mesh.startAgent(engineId, engineUrl, agentKey, Map.of("encryptionKey", key), data,
                    args.toArray(String[]::new));
        }

        void stop() {
            agent.close();
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        /** Publishes the advert with this agent's endpoint and key. */
        void advertise() throws Exception {
            advertise(EncryptionKeyFile.raw(key.pair().getPublic()));
        }

        /** Publishes the advert with this agent's endpoint and the given snapshot key (another's, to test). */
        void advertise(byte[] encryptionKey) throws Exception {
            advertise(url(), SampleAdverts.advert(url(), 1, AgentMesh.CAPACITY).pricePerHour, encryptionKey);
        }

        /** Publishes the advert with this agent's key, the given endpoint (a proxy in front of it, say) and price. */
        void advertise(String endpoint, BigInteger price) throws Exception {
            advertise(endpoint, price, EncryptionKeyFile.raw(key.pair().getPublic()));
        }

        private void advertise(String endpoint, BigInteger price, byte[] encryptionKey) throws Exception {
            var sample = SampleAdverts.advert(endpoint, 1, AgentMesh.CAPACITY);
            registry().updateAdvert(BigInteger.valueOf(engineId), new EngineRegistry.Advert(
                    endpoint, "did:web:engine-" + engineId + ".example", price, sample.latencyMs, sample.capacity,
                    sample.region, sample.metadataCid, encryptionKey)).send();
        }

        /** This side's journal of the pico's moves, newest first. */
        JsonNode moves(String pico) throws Exception {
            return admin("/admin/picos/" + pico).path("moves");
        }

        String state(String pico) {
            try {
                JsonNode moves = moves(pico);
                return moves.isEmpty() ? "NONE" : moves.get(0).path("state").asText();
            } catch (Exception e) {
                return "UNREACHABLE";
            }
        }

        JsonNode admin(String path) throws Exception {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body());
        }

        /** A counter/tick event to this agent's front door, as another engine's {@code event:send} sends it: a POST. */
        HttpResponse<String> tick(String eci) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url() + "/sky/event/" + eci + "/e" + System.nanoTime()
                    + "/counter/tick")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode enroll(String eci, String pico) throws Exception {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + "/admin/picos"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            JSON.writeValueAsString(Map.of("eci", eci, "pico", pico)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("enroll answered " + answer.statusCode() + ": " + answer.body());
            }
            return JSON.readTree(answer.body());
        }
    }

    MoveMesh() throws Exception {
        this(List.of());
    }

    /** The mesh with both agents started with more settings. */
    MoveMesh(String... settings) throws Exception {
        this(List.of(settings));
    }

    /**
     * @param settings {@code --name=value} for both agents, replacing the mesh's own of the same name. By default a
     *     moved copy is deleted after the grace period without waiting for the acceptance to be final (anvil's
     *     finalized block is 64 under the head): {@code ReorgMoveIT} covers finality.
     */
    MoveMesh(List<String> settings) throws Exception {
        this.settings = List.copyOf(settings);
        mesh = new AgentMesh(true);
        engineB = mesh.startQuietEngine();
        engineB_id = mesh.register(OPERATOR_B, AGENT_B);
        engineC_id = mesh.register(OPERATOR_C, AGENT_C);
        a = new Side(mesh.engineId, mesh.engine.url(), AgentMesh.OPERATOR, AgentMesh.AGENT);
        b = new Side(engineB_id, engineB.url(), OPERATOR_B, AGENT_B);
        a.start();
        b.start();
        a.advertise();
        b.advertise();
    }

    /** Gives engine C a real pico engine (quiet) and an agent, advertised like A's and B's. */
    Side startC() throws Exception {
        engineC = mesh.startQuietEngine();
        c = new Side(engineC_id, engineC.url(), OPERATOR_C, AGENT_C);
        c.start();
        c.advertise();
        return c;
    }

    /**
     * A new engine joins the market, as its operator would do it: its own pico engine (quiet), a fresh operator and
     * agent key (funded), registered with a stake of 1 ether and its advert at {@code price} wei an hour by the agent's
     * own {@code register} command, then its agent started. Stopped with the mesh.
     */
    Side join(BigInteger price) throws Exception {
        PicoEngineProcess engine = mesh.startQuietEngine();
        Credentials operator = Credentials.create(Keys.createEcKeyPair());
        Credentials agentKey = Credentials.create(Keys.createEcKeyPair());
        for (Credentials funded : List.of(operator, agentKey)) {
            mesh.anvil.call("anvil_setBalance", funded.getAddress(), Numeric.toHexStringWithPrefix(
                    AgentMesh.ether("10")));
        }
        EncryptionKey key = new EncryptionKey(KeyPairGenerator.getInstance("X25519").generateKeyPair());
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        var sample = SampleAdverts.advert(url, 1, AgentMesh.CAPACITY);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AgentCli.commandLine(Map.of(org.picomesh.agent.chain.Keys.KEY_ENV,
                Numeric.toHexStringWithPrefixZeroPadded(operator.getEcKeyPair().getPrivateKey(), 64)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("register", "--endpoint", url, "--did", "did:web:newcomer-" + port + ".example",
                "--price", price + "wei", "--latency", sample.latencyMs.toString(), "--capacity",
                sample.capacity.toString(), "--region", sample.region, "--encryption-key", Numeric.toHexString(
                        EncryptionKeyFile.raw(key.pair().getPublic())), "--stake", "1", "--agent",
                agentKey.getAddress(), "--engine-url", engine.url(), "--deployment",
                mesh.state.resolve("deployment.json").toString());
        Matcher registered = Pattern.compile("registered engine (\\d+)").matcher(out.toString());
        if (exit != 0 || !registered.find()) {
            throw new IllegalStateException("register exited " + exit + ": " + out + err);
        }
        Side joined = new Side(Long.parseLong(registered.group(1)), engine.url(), operator, agentKey, key, port);
        joined.start();
        return joined;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** Sample pico {@code n} leases engine A (a lease any price covers) and A's agent enrolls {@code eci} as it. */
    String leaseOnAAndEnroll(int n, String eci) throws Exception {
        mesh.pico(n).openLease(BigInteger.valueOf(mesh.engineId), BigInteger.TWO.pow(72), AgentMesh.ether("0.01"))
                .send();
        a.enroll(eci, address(n));
        return address(n);
    }

    /** Sample pico {@code n}'s market address, lower case, as the agents' journals name it. */
    static String address(int n) {
        return SampleAdverts.pico(n).getAddress().toLowerCase(java.util.Locale.ROOT);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(WAIT, what, condition);
    }

    @Override
    public void close() throws Exception {
        mesh.close();
    }
}
