package org.picomesh.agent;

import org.picomesh.agent.chain.AgentException;
import org.picomesh.agent.devnet.DemoEnginesCommand;
import org.picomesh.agent.operator.OperatorCli;
import org.picomesh.contracts.errors.ContractRevertedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The engine operator's command line (register, stake, unbond, answer challenges, claim payments) and the daemon. */
@Command(name = "picomesh-agent", mixinStandardHelpOptions = true, version = "picomesh-agent 0.1.0",
        description = "The picomesh engine operator's agent.", subcommands = {RunCommand.class, DemoEnginesCommand.class})
public final class AgentCli {
    public static void main(String[] args) {
        CommandLine cli = OperatorCli.addTo(new CommandLine(new AgentCli()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + message(e));
            return e instanceof ContractRevertedException ? 3 : 2;
        });
        System.exit(cli.execute(args));
    }

    private static String message(Exception e) {
        if (e instanceof ContractRevertedException || e instanceof AgentException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof ContractRevertedException ? root.getMessage() : e.toString();
    }
}
