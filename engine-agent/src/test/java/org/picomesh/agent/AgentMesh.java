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
    public static final int OPERATOR = 1;
    public static final int AGENT = 2;
    static final int CHALLENGER = 4;
    /** The capacity the engine registers with. */
    public static final int CAPACITY = 5;

    public final Anvil anvil;
    public final Deployment deployment;
    public final PicoEngineProcess engine;
    public final long engineId;
    public final Path state;
    private final List<PicoEngineProcess> moreEngines = new ArrayList<>();
    private final ChainConnection admin;
    private final List<ConfigurableApplicationContext> agents = new ArrayList<>();

    public AgentMesh() throws Exception {
        this(false);
    }

    /**
     * @param quiet start the engine without its episode log ({@link PicoEngineProcess#startQuiet}): needed when its
     *     picos are exported, as the log would write their keys to disk
     */
    public AgentMesh(boolean quiet) throws Exception {
        anvil = Anvil.start();
        admin = ChainConnection.open(anvil.rpcUrl(), DevAccounts.account(DevAccounts.DEPLOYER), Duration.ofMillis(20));
        String treasury = DevAccounts.account(DevAccounts.TREASURY).getAddress();
        deployment = MarketDeployer.deploy(admin, anvil.rpcUrl(), MarketParameters.defaults(treasury));
        state = Files.createTempDirectory("agent-mesh-");
        deployment.write(state.resolve("deployment.json"));
        engine = quiet ? PicoEngineProcess.startQuiet() : PicoEngineProcess.start();
        engineId = register(OPERATOR, AGENT);
    }

    /** Registers one more engine (operator and agent are dev account numbers); its id. */
    public long register(int operatorAccount, int agentAccount) throws Exception {
        EngineRegistry operator = registry(operatorAccount);
        var receipt = operator.register(SampleAdverts.advert("http://127.0.0.1:1/agent", 1, CAPACITY),
                ether("1")).send();
        long id = operator.getEngineRegisteredEvents(receipt).get(0).engineId.longValueExact();
        operator.setAgent(BigInteger.valueOf(id), DevAccounts.account(agentAccount).getAddress()).send();
        return id;
    }

    /** A further pico engine, without its episode log, stopped with the mesh. */
    public PicoEngineProcess startQuietEngine() throws Exception {
        PicoEngineProcess more = PicoEngineProcess.startQuiet();
        moreEngines.add(more);
        return more;
    }

    public EngineRegistry registry(int account) {
        return registry(DevAccounts.account(account));
    }

    public EngineRegistry registry(org.web3j.crypto.Credentials account) {
        return admin.as(account).registry(deployment.registry());
    }

    /** Sample pico {@code n}'s own account, funded: a pico pays its rent itself. */
    public LeaseEscrow pico(int n) {
        var credentials = SampleAdverts.pico(n);
        anvil.call("anvil_setBalance", credentials.getAddress(), "0x8ac7230489e80000");
        return admin.as(credentials).escrow(deployment.escrow());
    }

    /** A reader of the mesh's chain (the deployer's connection: nothing is signed through it by a test). */
    public org.web3j.protocol.Web3j web3j() {
        return admin.web3j();
    }

    public BigInteger balance(String address) throws Exception {
        return admin.web3j().ethGetBalance(address, org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send()
                .getBalance();
    }

    /**
     * Starts an agent daemon for the engine; its database lives in {@code dataDir} (kept across restarts). Its maximum
     * is the capacity the engine registered with, so it has nothing to re-advertise until told otherwise.
     * {@code settings} ({@code --name=value}) replace the defaults of the same name.
     */
    public ConfigurableApplicationContext startAgent(Path dataDir, String... settings) {
        return startAgent(engineId, engine.url(), AGENT, java.util.Map.of(), dataDir, settings);
    }

    /**
     * Starts an agent daemon for any engine of the mesh, signing with dev account {@code agentAccount}, with
     * {@code beans} registered before the application's own (such as its encryption key).
     */
    public ConfigurableApplicationContext startAgent(long engine, String engineUrl, int agentAccount,
            java.util.Map<String, Object> beans, Path dataDir, String... settings) {
        return startAgent(engine, engineUrl, DevAccounts.account(agentAccount), beans, dataDir, settings);
    }

    /** As {@link #startAgent(long, String, int, java.util.Map, Path, String...)}, signing with any agent key. */
    public ConfigurableApplicationContext startAgent(long engine, String engineUrl,
            org.web3j.crypto.Credentials agentKey, java.util.Map<String, Object> beans, Path dataDir,
            String... settings) {
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (String setting : List.of("--server.port=0", "--picomesh.agent.engine-id=" + engine,
                "--picomesh.agent.engine-url=" + engineUrl,
                "--picomesh.agent.deployment-file=" + state.resolve("deployment.json"),
                "--picomesh.agent.poll=100ms", "--picomesh.database.data-dir=" + dataDir,
                "--picomesh.database.durable=false", // tests outlive process crashes, not machine crashes
                "--picomesh.agent.max-picos=" + CAPACITY)) {
            byName.put(setting.substring(0, setting.indexOf('=')), setting);
        }
        for (String setting : settings) {
            byName.put(setting.substring(0, setting.indexOf('=')), setting);
        }
        List<String> args = new ArrayList<>(byName.values());
        ConfigurableApplicationContext agent = new SpringApplicationBuilder(AgentApplication.class)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("agentKey",
                            new AgentKey(agentKey));
                    beans.forEach(context.getBeanFactory()::registerSingleton);
                })
                .run(args.toArray(String[]::new));
        agents.add(agent);
        return agent;
    }

    public static int port(ConfigurableApplicationContext agent) {
        return Integer.parseInt(agent.getEnvironment().getProperty("local.server.port"));
    }

    public static BigInteger ether(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(18).toBigIntegerExact();
    }

    public Path newDataDir() throws IOException {
        return Files.createTempDirectory(state, "agent-db-");
    }

    @Override
    public void close() throws Exception {
        agents.forEach(ConfigurableApplicationContext::close);
        engine.close();
        for (PicoEngineProcess more : moreEngines) {
            more.close();
        }
        admin.close();
        anvil.close();
    }
}
