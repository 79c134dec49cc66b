package org.picomesh.agent.operator;

import picocli.CommandLine;

/** Adds the operator's commands to the agent's command line. */
public final class OperatorCli {
    private OperatorCli() {}

    public static CommandLine addTo(CommandLine cli) {
        cli.addSubcommand(new RegisterCommand());
        CommandLine.getCommandMethods(OperatorCommands.class, null)
                .forEach(cli::addSubcommand);
        cli.addSubcommand(new EnginesCommand());
        return cli;
    }
}
