package org.picomesh.agent.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.agent.AgentCli;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.Deployment;

class RunHintTest {
    private static final Deployment DEPLOYMENT = new Deployment(31337, "http://127.0.0.1:8545", "0x" + "aa".repeat(20),
            "0x" + "bb".repeat(20), BigInteger.ONE);

    private static ChainOptions options(String... args) {
        RegisterCommand register = (RegisterCommand) AgentCli.commandLine(Map.of())
                .parseArgs(concat(new String[] {"register", "--stake", "1"}, args)).subcommand().commandSpec()
                .userObject();
        return register.chain;
    }

    @Test
    void namesTheEngineItsPicoEngineTheDeploymentAndThePortOfTheEndpoint() {
        RunHint hint = new RunHint(options("--deployment", "/srv/mesh/deployment.json"), DEPLOYMENT, 3,
                "http://127.0.0.1:3101", null, 20);
        assertThat(hint.arguments("http://127.0.0.1:8101")).containsExactly("--picomesh.agent.engine-id=3",
                "--picomesh.agent.engine-url=http://127.0.0.1:3101", "--picomesh.agent.max-picos=20",
                "--picomesh.agent.deployment-file=/srv/mesh/deployment.json",
                "--picomesh.database.data-dir=/srv/mesh/agent-3-postgres", "--server.port=8101");
    }

    @Test
    void carriesTheNodeAndTheKeystoreWhenGivenAndQuotesWhatTheShellWouldSplit() {
        RunHint hint = new RunHint(options("--deployment", "/srv/my mesh/deployment.json", "--rpc", "http://node:8545"),
                DEPLOYMENT, 3, "http://127.0.0.1:3000", Path.of("/keys/agent.json"), 100);
        assertThat(hint.arguments("https://engine.example.org")).containsExactly("--picomesh.agent.engine-id=3",
                "--picomesh.agent.engine-url=http://127.0.0.1:3000", "--picomesh.agent.max-picos=100",
                "--picomesh.agent.deployment-file='/srv/my mesh/deployment.json'",
                "--picomesh.agent.rpc-url=http://node:8545",
                "--picomesh.database.data-dir='/srv/my mesh/agent-3-postgres'",
                "--picomesh.agent.keystore=/keys/agent.json");
    }

    private static String[] concat(String[] head, String[] tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length + CommandLineParsingTest.ADVERT.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        System.arraycopy(CommandLineParsingTest.ADVERT, 0, all, head.length + tail.length,
                CommandLineParsingTest.ADVERT.length);
        return all;
    }
}
