package org.picomesh.agent.bench;

import org.picomesh.contracts.devnet.bench.CpuTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import org.picomesh.agent.AgentApplication;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.AgentKey;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.MarketDeployer;
import org.picomesh.contracts.MarketParameters;
import org.picomesh.contracts.devnet.Anvil;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.utils.Convert;

/**
 * The parts the bench measures, all real: an anvil with the market deployed, a pico engine on loopback registered by
 * its operator (dev account 1) with its agent's URL as the advertised endpoint and dev account 2 as the agent key,
 * and the agent daemon started in this JVM as the agent ITs start it, on an embedded PostgreSQL of its own, with the
 * settings the daemon ships with (its chain poll included).
 */
final class BenchMesh implements AutoCloseable {
    static final int OPERATOR = 1;
    static final int AGENT = 2;
    static final int CHALLENGER = 4;

    final Anvil anvil;
    final PicoEngineProcess engine;
    final long engineId;
    final int agentPort;
    /** The agent's embedded PostgreSQL's data folder. */
    final Path agentDatabase;
    /** The deployment file and the agent's database: removed on close (about 40 MB a run). */
    private final Path state;
    private final ChainConnection admin;
    private final Deployment deployment;
    private final ConfigurableApplicationContext agent;

    BenchMesh() throws Exception {
        anvil = Anvil.start();
        admin = ChainConnection.open(anvil.rpcUrl(), DevAccounts.account(DevAccounts.DEPLOYER), Duration.ofMillis(20));
        deployment = MarketDeployer.deploy(admin, anvil.rpcUrl(),
                MarketParameters.defaults(DevAccounts.account(DevAccounts.TREASURY).getAddress()));
        state = Files.createTempDirectory("agent-bench-");
        deployment.write(state.resolve("deployment.json"));
        agentDatabase = state.resolve("agent-db");
        engine = PicoEngineProcess.start();
        agentPort = freePort();
        EngineRegistry operator = registry(OPERATOR);
        var receipt = operator.register(SampleAdverts.advert(agentUrl(), 1, 5),
                Convert.toWei("1", Convert.Unit.ETHER).toBigInteger()).send();
        engineId = operator.getEngineRegisteredEvents(receipt).get(0).engineId.longValueExact();
        operator.setAgent(BigInteger.valueOf(engineId), DevAccounts.account(AGENT).getAddress()).send();
        agent = new SpringApplicationBuilder(AgentApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("agentKey",
                        new AgentKey(DevAccounts.account(AGENT))))
                .run("--server.port=" + agentPort, "--picomesh.agent.engine-id=" + engineId,
                        "--picomesh.agent.engine-url=" + engine.url(),
                        "--picomesh.agent.deployment-file=" + state.resolve("deployment.json"),
                        "--picomesh.database.data-dir=" + agentDatabase,
                        // the registered capacity: no advert update of the agent's own competes with the answers
                        "--picomesh.agent.max-picos=5",
                        "--spring.main.banner-mode=off",
                        // one line per challenge answered would bury the bench's own progress
                        "--logging.level.org.picomesh.agent.challenges=WARN");
    }

    EngineRegistry registry(int account) {
        return admin.as(DevAccounts.account(account)).registry(deployment.registry());
    }

    String registryAddress() {
        return deployment.registry();
    }

    ChainConnection chain() {
        return admin;
    }

    /** The agent's front door: the endpoint the engine advertises. */
    String agentUrl() {
        return "http://127.0.0.1:" + agentPort;
    }

    /** The settings the running daemon was bound to. */
    AgentProperties agentProperties() {
        return agent.getBean(AgentProperties.class);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the agent", e);
        }
    }

    @Override
    public void close() throws Exception {
        agent.close();
        engine.close();
        admin.close();
        anvil.close();
        try (var files = Files.walk(state)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Where the bench's CPU goes: the agent (in this JVM), wrk, the pico engine, anvil and the agent's PostgreSQL. */
    List<CpuTime.Part> cpuParts() {
        return List.of(CpuTime.Part.thisJvm("agent JVM"), CpuTime.Part.reapedChildren("wrk"),
                CpuTime.Part.started("pico engine", "node"), CpuTime.Part.started("anvil", "anvil"),
                CpuTime.Part.postgres("postgres", agentDatabase));
    }

}
