package org.picomesh.agent;

import java.util.Map;
import org.picomesh.agent.devnet.DemoEnginesCommand;
import org.picomesh.agent.devnet.DemoPicoCommand;
import org.picomesh.agent.operator.OperatorCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The engine operator's command line (register, stake, unbond, answer challenges, claim payments) and the daemon. */
@Command(name = "picomesh-agent", mixinStandardHelpOptions = true, version = "picomesh-agent 0.1.0",
        description = "The picomesh engine operator's agent.", subcommands = {RunCommand.class, DemoEnginesCommand.class,
            DemoPicoCommand.class})
public final class AgentCli {
    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The whole command line, reading {@code env} as its environment (tests give their own; keys come from it). */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new AgentCli(), OperatorCli.factory(env));
        return OperatorCli.handleErrors(OperatorCli.addTo(cli));
    }
}
