package org.picomesh.agent.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.picomesh.agent.chain.Keys;
import org.picomesh.contracts.Deployment;

/**
 * Wrong keystore password, malformed amount, unreachable node: each a clear line and exit code 2, checked in that
 * order before anything is sent. The node here is a closed loopback port: whatever got past the checks would fail
 * to connect, so a message about the node means the earlier checks passed.
 */
class NothingSentTest {
    private static final String OPERATOR_KEY = "0x" + "11".repeat(32);
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;
    private String rpc;
    private Path deployment;

    @BeforeEach
    void aDeploymentWhoseNodeIsAClosedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        rpc = "http://127.0.0.1:" + port;
        deployment = dir.resolve("deployment.json");
        new Deployment(31337, rpc, "0x" + "aa".repeat(20), "0x" + "bb".repeat(20), BigInteger.ONE).write(deployment);
    }

    private String[] register(String stake, String... more) {
        List<String> args = new ArrayList<>(List.of("register", "--deployment", deployment.toString(), "--stake", stake));
        args.addAll(List.of(CommandLineParsingTest.ADVERT));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void anUnreachableNodeIsOneClearLine() {
        CliRun run = CliRun.run(Map.of(Keys.KEY_ENV, OPERATOR_KEY), register("1eth"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errorLine()).startsWith("error: cannot reach the chain node at " + rpc)
                .endsWith("nothing was sent").doesNotContain("\n").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void everySendingCommandSaysTheSameOfAnUnreachableNode() {
        List<List<String>> commands = List.of(List.of("stake", "add", "--engine", "1", "--amount", "1eth"),
                List.of("unbond", "--engine", "1", "--amount", "0.5eth"), List.of("withdraw", "--engine", "1"),
                List.of("answer-challenge", "--challenge", "1"), List.of("claim", "--engine", "1", "2", "3"),
                List.of("update", "--engine", "1"), List.of("keys", "rotate-agent", "--engine", "1", "--agent",
                        CommandLineParsingTest.ADDRESS),
                List.of("keys", "set-payout", "--engine", "1", "--payout", CommandLineParsingTest.ADDRESS));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--deployment", deployment.toString()));
            if (command.get(0).equals("update")) {
                args.addAll(List.of(CommandLineParsingTest.ADVERT));
            }
            CliRun run = CliRun.run(Map.of(Keys.KEY_ENV, OPERATOR_KEY), args.toArray(String[]::new));
            assertThat(run.exitCode()).as(command + ": " + run).isEqualTo(2);
            assertThat(run.errorLine()).as(command.toString()).startsWith("error: cannot reach the chain node at " + rpc);
        }
    }

    @Test
    void readingCommandsSayTheSameOfAnUnreachableNode() {
        for (String command : List.of("status", "leases")) {
            CliRun run = CliRun.run(Map.of(), command, "--engine", "1", "--deployment", deployment.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.errorLine()).startsWith("error: cannot reach the chain node at " + rpc);
        }
        CliRun engines = CliRun.run(Map.of(), "engines", "--deployment", deployment.toString(), "--rpc", rpc);
        assertThat(engines.errorLine()).startsWith("error: cannot reach the chain node at " + rpc);
    }

    @Test
    void aWrongKeystorePasswordIsFoundBeforeTheNodeIsAsked() {
        Path keystore = dir.resolve("operator.json");
        Keys.create(keystore, PASSWORD, true);
        CliRun run = CliRun.run(Map.of("PICOMESH_KEYSTORE_PASSWORD", "wrong password"),
                register("1eth", "--keystore", keystore.toString()));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLine()).isEqualTo("error: wrong password for the keystore " + keystore);
    }

    @Test
    void theRightPasswordGetsAsFarAsTheNode() {
        Path keystore = dir.resolve("operator.json");
        Keys.create(keystore, PASSWORD, true);
        CliRun run = CliRun.run(Map.of("PICOMESH_KEYSTORE_PASSWORD", PASSWORD),
                register("1eth", "--keystore", keystore.toString()));
        assertThat(run.errorLine()).startsWith("error: cannot reach the chain node");
    }

    @Test
    void aMalformedAmountIsFoundBeforeTheKeyOrTheNode() {
        CliRun run = CliRun.run(Map.of("PICOMESH_KEYSTORE_PASSWORD", "wrong password"),
                register("1.5wei", "--keystore", dir.resolve("missing.json").toString()));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLine()).startsWith("error: Invalid value for option '--stake': '1.5wei' is refused")
                .contains("0.5eth, 2gwei or 1000000000wei").doesNotContain("\n");
        CliRun amount = CliRun.run(Map.of(Keys.KEY_ENV, OPERATOR_KEY), "stake", "add", "--engine", "1", "--amount",
                "lots", "--deployment", deployment.toString());
        assertThat(amount.exitCode()).isEqualTo(2);
        assertThat(amount.errorLine()).contains("'lots' is not an amount");
    }

    @Test
    void aPriceTypedInWeiWithoutItsUnitIsCaughtBeforeSending() {
        List<String> args = new ArrayList<>(List.of(register("1eth")));
        args.set(args.indexOf("0.001eth"), "1000000000000000");
        CliRun run = CliRun.run(Map.of(Keys.KEY_ENV, OPERATOR_KEY), args.toArray(String[]::new));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLine()).contains("above the registry's limit", "write 1000wei for wei");
    }

    @Test
    void aMalformedAddressOrAdvertIsFoundBeforeTheNode() {
        CliRun agent = CliRun.run(Map.of(Keys.KEY_ENV, OPERATOR_KEY), "keys", "rotate-agent", "--engine", "1",
                "--agent", "0x1234", "--deployment", deployment.toString());
        assertThat(agent.exitCode()).isEqualTo(2);
        assertThat(agent.errorLine()).contains("'0x1234' is not an account address");
        String[] badKey = register("1eth");
        badKey[List.of(badKey).indexOf(CommandLineParsingTest.KEY)] = "0x1234";
        CliRun advert = CliRun.run(Map.of(Keys.KEY_ENV, OPERATOR_KEY), badKey);
        assertThat(advert.exitCode()).isEqualTo(2);
        assertThat(advert.errorLine()).contains("--encryption-key");
    }

    @Test
    void noKeyAtAllIsSaidBeforeTheNode() {
        CliRun run = CliRun.run(Map.of(), register("1eth"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLine()).isEqualTo("error: no key: give a keystore (password in PICOMESH_KEYSTORE_PASSWORD) "
                + "or set PICOMESH_PRIVATE_KEY");
    }

    @Test
    void theDeploymentFileComesFromTheGivenEnvironment() {
        Map<String, String> env = new HashMap<>(Map.of(Keys.KEY_ENV, OPERATOR_KEY));
        env.put("MESH_STATE_DIR", dir.toString());
        List<String> args = new ArrayList<>(List.of(register("1eth")));
        args.subList(1, 3).clear();
        CliRun run = CliRun.run(env, args.toArray(String[]::new));
        assertThat(run.errorLine()).startsWith("error: cannot reach the chain node at " + rpc);
        CliRun missing = CliRun.run(Map.of("MESH_STATE_DIR", dir.resolve("nowhere").toString()), "engines");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errorLine()).contains("no deployment file at " + dir.resolve("nowhere"));
    }
}
