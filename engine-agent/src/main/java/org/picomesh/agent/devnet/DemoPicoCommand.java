package org.picomesh.agent.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.picomesh.agent.AgentCli;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.agent.whereabouts.PicoResolver;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The end of {@code ./mesh demo}: a pico made on engine 2 joins the market (owner: dev account 7), gives itself a
 * placement policy by an event (cost first), and from then on its agent decides for it: it moves to the cheapest
 * engine, then, when engine 3 lowers its price below the others, moves there too, while the demo sends it a tick every
 * second to wherever the chain says it lives, and it keeps counting. Each step is printed. Dev keys: dev chain only.
 */
@Command(name = "demo-pico", hidden = true, description = "The demo's pico: enrolled, it chooses its host and moves.")
public final class DemoPicoCommand implements Callable<Integer> {
    /** A cost-first policy; moves need a 5 s lead, at most 3 an hour, 15 s apart. */
    static final String POLICY = "{\"constraints\": {\"maxPrice\": \"5000000000000000\"},"
            + " \"weights\": {\"cost\": 10, \"latency\": 1, \"availability\": 1, \"stake\": 0, \"freeCapacity\": 0},"
            + " \"moves\": {\"sustainedSeconds\": 5, \"maxMoves\": 3, \"windowSeconds\": 3600, \"cooldownSeconds\": 15}}";
    private static final BigInteger CHEAPER = BigInteger.valueOf(500_000_000_000_000L);

    @Mixin
    ChainOptions chain;
    @Option(names = "--state", paramLabel = "DIR", defaultValue = ".mesh", description = "the demo's state folder")
    Path state;
    @Option(names = "--directory", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080")
    String directory;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180", description = "the longest wait per step")
    long timeout;

    private final DemoPicoEngine engines = new DemoPicoEngine();

    @Override
    public Integer call() throws Exception {
        Deployment deployment = chain.deployment();
        if (deployment.chainId() != 31337) {
            throw new IllegalStateException("the demo's pico uses public dev keys: only on a local dev chain (31337)");
        }
        say("making a pico with a counter on engine 2 (pico engine on loopback :3202)...");
        String eci = engines.newCounterPico("http://127.0.0.1:" + (DemoEnginesCommand.FIRST_ENGINE_PORT + 1), "demo pico");
        String agent2 = "http://127.0.0.1:" + (DemoEnginesCommand.FIRST_AGENT_PORT + 1);
        say("enrolling it through engine 2's agent: its own key and account, funded by its owner (dev account 7),"
                + " its first lease on engine 2...");
        String owner = Numeric.toHexStringNoPrefixZeroPadded(DevAccounts.account(7).getEcKeyPair().getPrivateKey(), 64);
        int enrolled = AgentCli.commandLine(Map.of("PICOMESH_OWNER_KEY", owner)).execute("pico", "enroll", eci,
                "--deployment", chain.deploymentFile().toString(), "--agent", agent2, "--fund", "0.1eth",
                "--max-price", "5000000000000000");
        if (enrolled != 0) {
            return enrolled;
        }
        String did = engines.query(agent2, eci, "org.picomesh.market", "did").asText();
        String address = did.substring(did.lastIndexOf(':') + 1);
        say("the pico gives itself a placement policy by an event (cost first, a 5 s lead before it moves)...");
        JsonNode given = engines.event(agent2, eci, "market", "policy_given", Map.of("policy", POLICY));
        say("  its agent answered: " + given.path("directives").path(0).path("options"));

        try (ChainConnection connection = chain.read(deployment)) {
            LeaseEscrow escrow = connection.escrow(deployment.escrow());
            PicoResolver resolver = new PicoResolver(connection.web3j(), connection.registry(deployment.registry()),
                    escrow, deployment.chainId(), deployment.deploymentBlock() == null ? 0
                            : deployment.deploymentBlock().longValueExact());
            DemoTicker ticker = new DemoTicker(engines, resolver, escrow, did, address, eci, this::say);
            say("it lives on engine 2; its agent weighs the three engines for it every few seconds (the cheapest is"
                    + " engine 1); a tick goes to it every second, wherever the chain says it lives...");
            long first = ticker.tickUntilItLivesOn(1, Duration.ofSeconds(timeout));
            say("engine 3 lowers its price to 0.0005 ETH an hour, below every other engine...");
            lowerPrice(connection, deployment, 3);
            ticker.tickUntilItLivesOn(3, Duration.ofSeconds(timeout));
            say("done: the pico chose its host twice by its own policy, paid from its own account, and kept counting"
                    + " (" + first + " ticks before the first move). See it in the web directory: " + directory
                    + "/#/picos/" + did);
        }
        return 0;
    }

    /** Engine {@code n}'s operator (dev account n) replaces its advert with the same one at a lower price. */
    private void lowerPrice(ChainConnection connection, Deployment deployment, int n) throws Exception {
        Path keystore = state.resolve("agents").resolve(String.valueOf(n)).resolve("agent.json");
        String key = DemoEncryptionKeys.of(keystore, System.getenv("PICOMESH_KEYSTORE_PASSWORD"));
        var sample = SampleAdverts.advert("http://127.0.0.1:" + (DemoEnginesCommand.FIRST_AGENT_PORT + n - 1), n, 5 * n);
        var advert = new EngineRegistry.Advert(sample.endpoint, sample.did, CHEAPER, sample.latencyMs, sample.capacity,
                sample.region, sample.metadataCid, Numeric.hexStringToByteArray(key));
        connection.as(DevAccounts.account(n)).registry(deployment.registry())
                .updateAdvert(BigInteger.valueOf(n), advert).send();
    }

    private void say(String line) {
        System.out.println("[demo " + Instant.now().toString().substring(11, 19) + "] " + line);
        System.out.flush();
    }
}
