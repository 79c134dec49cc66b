package org.picomesh.agent;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real anvil with the market deployed, one real pico engine registered by its operator (dev account 1) with dev
 * account 2 as its agent key, and agent daemons started in this JVM on an embedded PostgreSQL of their own.
 */
public final class AgentMesh implements AutoCloseable {
    static final int OPERATOR = 1;
    static final int AGENT = 2;
    static final int CHALLENGER = 4;
    /** The capacity the engine registers with. */
    static final int CAPACITY = 5;

    final Anvil anvil;
    final Deployment deployment;
    public final PicoEngineProcess engine;
    public final long engineId;
    final Path state;
    private final ChainConnection admin;
    private final List<ConfigurableApplicationContext> agents = new ArrayList<>();

    public AgentMesh() throws Exception {
        anvil = Anvil.start();
        admin = ChainConnection.open(anvil.rpcUrl(), DevAccounts.account(DevAccounts.DEPLOYER), Duration.ofMillis(20));
        String treasury = DevAccounts.account(DevAccounts.TREASURY).getAddress();
        deployment = MarketDeployer.deploy(admin, anvil.rpcUrl(), MarketParameters.defaults(treasury));
        state = Files.createTempDirectory("agent-mesh-");
        deployment.write(state.resolve("deployment.json"));
        engine = PicoEngineProcess.start();
        EngineRegistry operator = registry(OPERATOR);
        var receipt = operator.register(SampleAdverts.advert("http://127.0.0.1:1/agent", 1, CAPACITY),
                ether("1")).send();
        engineId = operator.getEngineRegisteredEvents(receipt).get(0).engineId.longValueExact();
        operator.setAgent(BigInteger.valueOf(engineId), DevAccounts.account(AGENT).getAddress()).send();
    }

    EngineRegistry registry(int account) {
        return admin.as(DevAccounts.account(account)).registry(deployment.registry());
    }

    /** Sample pico {@code n}'s own account, funded: a pico pays its rent itself. */
    LeaseEscrow pico(int n) {
        var credentials = SampleAdverts.pico(n);
        anvil.call("anvil_setBalance", credentials.getAddress(), "0x8ac7230489e80000");
        return admin.as(credentials).escrow(deployment.escrow());
    }

    BigInteger balance(String address) throws Exception {
        return admin.web3j().ethGetBalance(address, org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send()
                .getBalance();
    }

    /**
     * Starts an agent daemon for the engine; its database lives in {@code dataDir} (kept across restarts). Its maximum
     * is the capacity the engine registered with, so it has nothing to re-advertise until told otherwise.
     * {@code settings} ({@code --name=value}) replace the defaults of the same name.
     */
    public ConfigurableApplicationContext startAgent(Path dataDir, String... settings) {
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (String setting : List.of("--server.port=0", "--picomesh.agent.engine-id=" + engineId,
                "--picomesh.agent.engine-url=" + engine.url(),
                "--picomesh.agent.deployment-file=" + state.resolve("deployment.json"),
                "--picomesh.agent.poll=100ms", "--picomesh.database.data-dir=" + dataDir,
                "--picomesh.agent.max-picos=" + CAPACITY)) {
            byName.put(setting.substring(0, setting.indexOf('=')), setting);
        }
        for (String setting : settings) {
            byName.put(setting.substring(0, setting.indexOf('=')), setting);
        }
        List<String> args = new ArrayList<>(byName.values());
        ConfigurableApplicationContext agent = new SpringApplicationBuilder(AgentApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("agentKey",
                        new AgentKey(DevAccounts.account(AGENT))))
                .run(args.toArray(String[]::new));
        agents.add(agent);
        return agent;
    }

    public static int port(ConfigurableApplicationContext agent) {
        return Integer.parseInt(agent.getEnvironment().getProperty("local.server.port"));
    }

    static BigInteger ether(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(18).toBigIntegerExact();
    }

    public Path newDataDir() throws IOException {
        return Files.createTempDirectory(state, "agent-db-");
    }

    @Override
    public void close() throws Exception {
        agents.forEach(ConfigurableApplicationContext::close);
        engine.close();
        admin.close();
        anvil.close();
    }
}
