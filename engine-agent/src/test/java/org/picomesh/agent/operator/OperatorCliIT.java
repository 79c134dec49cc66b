package org.picomesh.agent.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.chain.Keys;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.MarketDeployer;
import org.picomesh.contracts.MarketParameters;
import org.picomesh.contracts.devnet.Anvil;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * The operator's command line, run in this JVM against a real anvil with the market deployed: an engine registered
 * from the command line is on the chain as typed, `status` and `leases` print what the chain holds, and a wrong
 * password, a malformed amount or an unreachable node send nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCliIT {
    private static final int OPERATOR = 1;
    private static final int CHALLENGER = 4;
    private static final String PASSWORD = "agent keystore password";

    private Anvil anvil;
    private ChainConnection admin;
    private Deployment deployment;
    private Path dir;
    private Path agentKeystore;
    private String agentAddress;
    private String encryptionKey;
    private CliRun registered;
    private long engineId;

    @BeforeAll
    void registerAnEngineFromTheCommandLine() throws Exception {
        anvil = Anvil.start();
        admin = ChainConnection.open(anvil.rpcUrl(), DevAccounts.account(DevAccounts.DEPLOYER), Duration.ofMillis(20));
        deployment = MarketDeployer.deploy(admin, anvil.rpcUrl(),
                MarketParameters.defaults(DevAccounts.account(DevAccounts.TREASURY).getAddress()));
        dir = Files.createTempDirectory("operator-cli-");
        deployment.write(dir.resolve("deployment.json"));

        agentKeystore = dir.resolve("agent.json");
        CliRun keys = CliRun.run(Map.of("PICOMESH_KEYSTORE_PASSWORD", PASSWORD), "keys", "new", "--keystore",
                agentKeystore.toString(), "--light-kdf");
        assertThat(keys.exitCode()).as(keys.toString()).isZero();
        agentAddress = find(keys.out(), "(?m)^address +(0x[0-9a-fA-F]{40})");
        encryptionKey = find(keys.out(), "(?m)^encryption key +(0x[0-9a-f]{64})");
        anvil.call("anvil_setBalance", agentAddress, Numeric.toHexStringWithPrefix(ether("1")));

        registered = cli(operator(), "register", "--endpoint", "http://127.0.0.1:8101", "--did",
                "did:web:engine-1.picomesh.example", "--price", "0.001eth", "--latency", "40", "--capacity", "5",
                "--region", "eu-west", "--encryption-key", encryptionKey, "--stake", "1.5eth", "--agent", agentAddress,
                "--engine-url", "http://127.0.0.1:3101", "--agent-keystore", agentKeystore.toString());
        engineId = Long.parseLong(find(registered.out(), "registered engine (\\d+)"));
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void theEngineRegisteredFromTheCommandLineIsOnTheChainAsTyped() throws Exception {
        assertThat(registered.exitCode()).as(registered.toString()).isZero();
        EngineRegistry.EngineView engine = registry().engine(BigInteger.valueOf(engineId)).send();
        assertThat(engine.operator).isEqualToIgnoringCase(DevAccounts.account(OPERATOR).getAddress());
        assertThat(engine.agent).isEqualToIgnoringCase(agentAddress);
        assertThat(engine.stake).isEqualTo(ether("1.5"));
        assertThat(engine.pricePerHour).isEqualTo(ether("0.001"));
        assertThat(engine.capacity).isEqualTo(BigInteger.valueOf(5));
        assertThat(engine.listed).isTrue();
        figure("register_cli_gas", find(registered.out(), "registered engine \\d+ \\(tx 0x[0-9a-f]+, gas (\\d+)\\)"));
    }

    @Test
    void registerPrintsTheCommandThatRunsTheEnginesAgent() {
        assertThat(registered.out()).contains("run its agent (the password of " + agentKeystore.toAbsolutePath())
                .contains("picomesh-agent run --picomesh.agent.engine-id=" + engineId
                        + " --picomesh.agent.engine-url=http://127.0.0.1:3101 --picomesh.agent.max-picos=5"
                        + " --picomesh.agent.deployment-file=" + dir.resolve("deployment.json").toAbsolutePath())
                .contains("--picomesh.agent.keystore=" + agentKeystore.toAbsolutePath(), "--server.port=8101")
                .doesNotContain("keys rotate-agent");
        assertThat(registered.err()).containsPattern("registering .* estimating and signing")
                .containsPattern("sent 0x[0-9a-f]{64}, waiting for it to be mined").contains("mined: block");
    }

    @Test
    void statusPrintsTheEngineAsTheChainHoldsIt() {
        CliRun status = cli(Map.of(), "status", "--engine", String.valueOf(engineId));
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(line(status.out(), "status")).contains("listed");
        assertThat(line(status.out(), "stake")).contains("1.5 ETH");
        assertThat(line(status.out(), "operator")).containsIgnoringCase(DevAccounts.account(OPERATOR).getAddress());
        assertThat(line(status.out(), "agent")).containsIgnoringCase(agentAddress);
        assertThat(line(status.out(), "endpoint")).contains("http://127.0.0.1:8101");
        assertThat(line(status.out(), "encryption key")).contains(encryptionKey);
        assertThat(line(status.out(), "latency")).contains("advertised 40 ms");
        assertThat(line(status.out(), "price/pico-hour")).contains("0.001 ETH");
    }

    @Test
    void leasesShowWhatEachActiveLeaseHasEarnedAndTheAgentClaimsIt() throws Exception {
        Credentials pico = SampleAdverts.pico(1);
        anvil.call("anvil_setBalance", pico.getAddress(), Numeric.toHexStringWithPrefix(ether("1")));
        var receipt = admin.as(pico).escrow(deployment.escrow())
                .openLease(BigInteger.valueOf(engineId), ether("0.001"), ether("0.01")).send();
        long leaseId = receipt.getLogs().isEmpty() ? 0 : admin.as(pico).escrow(deployment.escrow())
                .getLeaseOpenedEvents(receipt).get(0).leaseId.longValueExact();
        anvil.increaseTime(Duration.ofMinutes(30));

        CliRun leases = cli(Map.of(), "leases", "--engine", String.valueOf(engineId));
        assertThat(leases.exitCode()).as(leases.toString()).isZero();
        String row = line(leases.out(), String.valueOf(leaseId));
        assertThat(row).containsIgnoringCase(pico.getAddress()).contains("0.001 ETH", "0.01 ETH");
        assertThat(leases.out()).contains("claim it with: claim --engine " + engineId + " " + leaseId);

        CliRun claim = cli(Map.of("PICOMESH_KEYSTORE_PASSWORD", PASSWORD), "claim", "--engine",
                String.valueOf(engineId), String.valueOf(leaseId), "--keystore", agentKeystore.toString());
        assertThat(claim.exitCode()).as(claim.toString()).isZero();
        assertThat(claim.out()).matches("(?s)claimed 0\\.000[0-9]+ ETH.*");
        CliRun after = cli(Map.of(), "leases", "--engine", String.valueOf(engineId));
        assertThat(after.out()).doesNotContain("claim it with");
    }

    @Test
    void keysCommandsNameANewAgentAndPayoutAndAChallengeIsAnsweredByHand() throws Exception {
        long engine = registerAnotherEngine();
        String agent = DevAccounts.account(5).getAddress();
        String payout = DevAccounts.account(6).getAddress();
        CliRun rotate = cli(operator(), "keys", "rotate-agent", "--engine", String.valueOf(engine), "--agent", agent);
        CliRun setPayout = cli(operator(), "keys", "set-payout", "--engine", String.valueOf(engine), "--payout", payout);
        assertThat(rotate.exitCode()).as(rotate.toString()).isZero();
        assertThat(setPayout.exitCode()).as(setPayout.toString()).isZero();
        EngineRegistry.EngineView view = registry().engine(BigInteger.valueOf(engine)).send();
        assertThat(view.agent).isEqualToIgnoringCase(agent);
        assertThat(view.payout).isEqualToIgnoringCase(payout);

        admin.as(DevAccounts.account(CHALLENGER)).registry(deployment.registry())
                .openChallenge(BigInteger.valueOf(engine), ether("0.1")).send();
        CliRun status = cli(Map.of(), "status", "--engine", String.valueOf(engine));
        assertThat(line(status.out(), "open challenges")).contains("1: #");
        String challenge = find(line(status.out(), "open challenges"), "#(\\d+)");
        CliRun answer = cli(operator(), "answer-challenge", "--challenge", challenge);
        assertThat(answer.exitCode()).as(answer.toString()).isZero();
        assertThat(registry().engine(BigInteger.valueOf(engine)).send().openChallenges).isZero();

        figure("set_agent_gas", gas(rotate));
        figure("set_payout_gas", gas(setPayout));
        figure("answer_challenge_gas", gas(answer));
    }

    @Test
    void aWrongPasswordAMalformedAmountAnUnreachableNodeOrARefusalSendNothing() throws Exception {
        String operatorAddress = DevAccounts.account(OPERATOR).getAddress();
        BigInteger nonce = nonce(operatorAddress);
        BigInteger agentNonce = nonce(agentAddress);
        BigInteger stake = registry().engine(BigInteger.valueOf(engineId)).send().stake;
        String id = String.valueOf(engineId);

        CliRun wrongPassword = cli(Map.of("PICOMESH_KEYSTORE_PASSWORD", "not the password"), "stake", "add", "--engine",
                id, "--amount", "1eth", "--keystore", agentKeystore.toString());
        CliRun malformed = cli(operator(), "stake", "add", "--engine", id, "--amount", "1.5wei");
        CliRun unreachable = cli(operator(), "stake", "add", "--engine", id, "--amount", "1eth", "--rpc", closedPort());
        CliRun refused = cli(operator(), "unbond", "--engine", id, "--amount", "100eth");

        assertThat(wrongPassword.exitCode()).isEqualTo(2);
        assertThat(wrongPassword.errorLine()).isEqualTo("error: wrong password for the keystore " + agentKeystore);
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.errorLine()).contains("'1.5wei' is refused");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.errorLine()).startsWith("error: cannot reach the chain node at http://127.0.0.1:");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.errorLine()).startsWith("error: the contract refused: ").endsWith("nothing was sent)");
        assertThat(nonce(operatorAddress)).isEqualTo(nonce);
        assertThat(nonce(agentAddress)).isEqualTo(agentNonce);
        assertThat(registry().engine(BigInteger.valueOf(engineId)).send().stake).isEqualTo(stake);
    }

    private long registerAnotherEngine() {
        CliRun run = cli(operator(), "register", "--endpoint", "http://127.0.0.1:8102", "--did",
                "did:web:engine-2.picomesh.example", "--price", "2000000gwei", "--latency", "30", "--capacity", "3",
                "--encryption-key", Numeric.toHexString(SampleAdverts.encryptionKey(2)), "--stake",
                "1000000000000000000wei");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("keys rotate-agent --engine");
        return Long.parseLong(find(run.out(), "registered engine (\\d+)"));
    }

    private CliRun cli(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--deployment");
        all.add(dir.resolve("deployment.json").toString());
        return CliRun.run(env, all.toArray(String[]::new));
    }

    private static Map<String, String> operator() {
        Map<String, String> env = new HashMap<>();
        env.put(Keys.KEY_ENV, Numeric.toHexStringWithPrefixZeroPadded(
                DevAccounts.account(OPERATOR).getEcKeyPair().getPrivateKey(), 64));
        return env;
    }

    private EngineRegistry registry() {
        return admin.registry(deployment.registry());
    }

    private BigInteger nonce(String address) throws IOException {
        return admin.web3j().ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static String gas(CliRun run) {
        return find(run.out(), "gas (\\d+)");
    }

    private static void figure(String name, String gas) {
        System.out.println("figure " + name + " " + gas + " gas");
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("/%s/ in:%n%s", regex, text).isTrue();
        return m.group(1);
    }

    private static String line(String printed, String label) {
        return printed.lines().filter(l -> l.startsWith(label + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + label + "' in:\n" + printed));
    }

    private static BigInteger ether(String amount) {
        return new BigDecimal(amount).movePointRight(18).toBigIntegerExact();
    }
}
