package org.picomesh.agent.operator;

import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;

/** Adds the operator's commands to the agent's command line, and how that command line reports errors. */
public final class OperatorCli {
    private OperatorCli() {}

    public static CommandLine addTo(CommandLine cli) {
        cli.addSubcommand(new RegisterCommand());
        CommandLine.getCommandMethods(OperatorCommands.class, null).forEach(cli::addSubcommand);
        cli.addSubcommand(StakeCommand.class);
        cli.addSubcommand(KeysCommand.class);
        cli.addSubcommand(new StatusCommand());
        cli.addSubcommand(new LeasesCommand());
        cli.addSubcommand(new EnginesCommand());
        cli.addSubcommand(PicoCommand.class);
        return cli;
    }

    /** One-line errors and their exit codes: 2 for bad input, keys, files or node, 3 for a contract's refusal. */
    public static CommandLine handleErrors(CommandLine cli) {
        return cli.setParameterExceptionHandler(CliErrors.parameters())
                .setExecutionExceptionHandler(CliErrors.execution());
    }

    /**
     * Creates commands and options, handing {@code env} to those that read the environment (a constructor taking a
     * {@code Map<String, String>}): tests give their own, the real command line gives the process's.
     */
    public static CommandLine.IFactory factory(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                Constructor<K> withEnvironment;
                try {
                    withEnvironment = type.getDeclaredConstructor(Map.class);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(type);
                }
                withEnvironment.setAccessible(true);
                return withEnvironment.newInstance(copy);
            }
        };
    }
}
