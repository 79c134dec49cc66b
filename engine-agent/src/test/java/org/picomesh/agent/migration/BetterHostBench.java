package org.picomesh.agent.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.picomesh.agent.AgentCli;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * The last figure of {@code ./mesh bench select}: how long a pico takes to be live on a better engine once that
 * engine's advert is mined, with a 5 s hysteresis (the policy's sustained lead), on the dev chain. Two real pico
 * engines behind their agents (evaluating every second, as the demo's do every 3 s); an enrolled pico with a
 * cost-only policy; each round the engine the pico is not on lowers its price below the other's (an advert update by
 * its operator, standing in for a new engine's registration: the agents follow both the same way, and a new engine
 * would need a new engine process and agent per round), and the time runs from that transaction's receipt to the
 * pico live there (the target's journal LIVE, the chain's lease on it, no move pending). Each round starts from the
 * same prices (host P, other 2P), then the other drops to P/2: a step larger than the policy's margin every time.
 */
public final class BetterHostBench {
    /** -Dpicomesh.bench.moves: rounds (each one move). */
    private static final int ROUNDS = Integer.getInteger("picomesh.bench.moves", 9);
    private static final Pattern ADDRESS = Pattern.compile("address (0x[0-9a-f]{40}), DID ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "{\"weights\": {\"cost\": 1, \"latency\": 0, \"availability\": 0,"
            + " \"stake\": 0, \"freeCapacity\": 0}, \"moves\": {\"sustainedSeconds\": 5, \"maxMoves\": 100,"
            + " \"windowSeconds\": 3600, \"cooldownSeconds\": 2}}";

    private BetterHostBench() {}

    /** The seconds from each better advert mined to the pico live on that engine, in round order. */
    public static List<Double> measure() throws Exception {
        List<Double> seconds = new ArrayList<>();
        MigrateBench.progress("better host: anvil, two pico engines and their agents (evaluating every 1 s)...");
        try (MoveMesh mesh = new MoveMesh("--picomesh.agent.placement.interval=1s",
                "--picomesh.agent.placement.probe-ttl=2s", "--picomesh.agent.moved-copy-grace=1s")) {
            BigInteger price = new BigInteger("1000000000000000");
            price(mesh, mesh.b, price.multiply(BigInteger.TWO));
            String pico = enrolled(mesh, new TestPicos(mesh.mesh.engine.url()));
            MoveMesh.Side on = mesh.a;
            for (int round = 1; round <= ROUNDS; round++) {
                MoveMesh.Side better = on == mesh.a ? mesh.b : mesh.a;
                // each round starts alike: the pico's host at P, the other at 2P (both changes keep the pico there);
                // then the other drops to P/2, better by more than the policy's margin
                price(mesh, better, price.multiply(BigInteger.TWO));
                price(mesh, on, price);
                Thread.sleep(2_000);
                price(mesh, better, price.divide(BigInteger.TWO));
                long mined = System.nanoTime();
                MoveMesh.await("the pico live on engine " + better.engineId, () -> better.state(pico).equals("LIVE")
                        && onChain(mesh, pico, better.engineId));
                double s = (System.nanoTime() - mined) / 1e9;
                seconds.add(s);
                MigrateBench.progress("better host #%d: engine %d cheaper, mined -> live there %.2f s".formatted(round,
                        better.engineId, s));
                on = better;
            }
        }
        return seconds;
    }

    private static boolean onChain(MoveMesh mesh, String pico, long engine) {
        try {
            var lease = mesh.mesh.pico(1).currentLease(pico).send();
            return lease.engineId.longValueExact() == engine && lease.moveTo.signum() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** A counter pico on engine A, enrolled (its owner a fresh funded account), its policy given by an event. */
    private static String enrolled(MoveMesh mesh, TestPicos picos) throws Exception {
        picos.registerCounter();
        String eci = picos.child(picos.rootEci(), "better-host", TestPicos.COUNTER);
        Credentials owner = Credentials.create(Keys.createEcKeyPair());
        mesh.mesh.anvil.call("anvil_setBalance", owner.getAddress(), Numeric.toHexStringWithPrefix(
                AgentMesh.ether("10")));
        StringWriter out = new StringWriter();
        var cli = AgentCli.commandLine(Map.of("PICOMESH_OWNER_KEY", Numeric.toHexStringNoPrefixZeroPadded(
                owner.getEcKeyPair().getPrivateKey(), 64)));
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("pico", "enroll", eci, "--deployment", mesh.mesh.state.resolve("deployment.json")
                .toString(), "--agent", mesh.a.url(), "--max-price", "2000000000000000");
        Matcher made = ADDRESS.matcher(out.toString());
        if (exit != 0 || !made.find()) {
            throw new IllegalStateException("enrolling the bench's pico failed: " + out);
        }
        HttpResponse<String> given = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mesh.a.url()
                + "/sky/event/" + eci + "/bench/market/policy_given")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("policy", POLICY)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!given.body().contains("\"valid\":true")) {
            throw new IllegalStateException("the bench's policy was refused: " + given.body());
        }
        return made.group(1);
    }

    private static void price(MoveMesh mesh, MoveMesh.Side side, BigInteger price) throws Exception {
        var sample = SampleAdverts.advert(side.url(), 1, AgentMesh.CAPACITY);
        side.registry().updateAdvert(BigInteger.valueOf(side.engineId),
                new EngineRegistry.Advert(side.url(), "did:web:engine-" + side.engineId + ".example", price,
                        sample.latencyMs, sample.capacity, sample.region, sample.metadataCid,
                        EncryptionKeyFile.raw(side.key.pair().getPublic()))).send();
    }
}
