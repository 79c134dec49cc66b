package org.picomesh.agent.operator;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.agent.chain.Keys;
import org.picomesh.agent.chain.Passwords;
import org.picomesh.contracts.Deployment;

/**
 * The command that runs a newly registered engine's agent daemon, printed by {@code register}. The capacity registered
 * becomes the daemon's {@code max-picos}: the daemon advertises that less the picos the engine hosts off-market.
 */
record RunHint(ChainOptions chain, Deployment deployment, long engineId, String engineUrl, Path agentKeystore,
        long maxPicos) {

    void print(PrintWriter out, String endpoint, boolean agentNamed) {
        String program = chain.command() == null ? "picomesh-agent" : chain.command().root().name();
        if (!agentNamed) {
            out.printf("the engine's agent is its operator until you name a hot key: %s keys rotate-agent --engine %d "
                    + "--agent ADDRESS (the daemon should not run on the operator's key)%n", program, engineId);
        }
        out.println(agentKeystore != null
                ? "run its agent (the password of " + agentKeystore.toAbsolutePath() + " in " + Passwords.PASSWORD_ENV
                        + ", or typed at start):"
                : "run its agent (the agent's key in " + Keys.AGENT_KEY_ENV + " in its environment, never on the "
                        + "command line):");
        out.println("  " + program + " run " + String.join(" ", arguments(endpoint)));
        out.flush();
    }

    List<String> arguments(String endpoint) {
        List<String> args = new ArrayList<>();
        args.add("--picomesh.agent.engine-id=" + engineId);
        args.add("--picomesh.agent.engine-url=" + quoted(engineUrl));
        args.add("--picomesh.agent.max-picos=" + maxPicos);
        args.add("--picomesh.agent.deployment-file=" + quoted(chain.deploymentFile().toAbsolutePath().toString()));
        if (chain.rpcGiven()) {
            args.add("--picomesh.agent.rpc-url=" + quoted(chain.rpcUrl(deployment)));
        }
        Path stateDir = chain.deploymentFile().toAbsolutePath().getParent();
        Path database = stateDir.resolve("agent-" + engineId + "-postgres");
        args.add("--picomesh.database.data-dir=" + quoted(database.toString()));
        if (agentKeystore != null) {
            args.add("--picomesh.agent.keystore=" + quoted(agentKeystore.toAbsolutePath().toString()));
        }
        int port = URI.create(endpoint).getPort();
        if (port > 0) {
            args.add("--server.port=" + port);
        }
        return args;
    }

    /** As a POSIX shell reads it back. */
    static String quoted(String value) {
        return value.matches("[A-Za-z0-9_./:=@%+,-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
