package org.picomesh.agent.operator;

import java.util.concurrent.Callable;
import org.picomesh.agent.chain.ChainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keys new | rotate-agent | set-payout}: an engine's keys, made here and named on the chain. */
@Command(name = "keys", subcommands = NewKeyCommand.class, description = {
        "An engine's keys: make a new one, name the engine's agent (hot) key, name where its earnings go.",
        "Engines have three: the operator (cold: stake, keys), the agent (hot: the daemon's, answers challenges and "
                + "claims) and the payout address."})
final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name what to do: new, rotate-agent or set-payout");
    }

    @Command(name = "rotate-agent", description = {"Name the engine's agent, the hot key its daemon runs on; the old "
            + "agent key can no longer answer, claim or update the advert (operator key). The zero address makes the "
            + "operator its own agent.",
            "Costs: " + Gas.SET_AGENT + "."})
    int rotateAgent(@Mixin ChainOptions chain,
            @Option(names = "--engine", required = true, paramLabel = "ID", description = OperatorCommands.ENGINE)
            long engineId,
            @Option(names = "--agent", required = true, paramLabel = "ADDRESS", converter = Address.Converter.class,
                    description = "the agent key's address")
            Address agent) throws Exception {
        return OperatorCommands.onRegistry(chain, "naming " + agent + " the agent of engine " + engineId,
                r -> r.setAgent(OperatorCommands.id(engineId), agent.hex()));
    }

    @Command(name = "set-payout", description = {"Name the address the engine's lease claims and answered challenges' "
            + "bonds are paid to (operator key). The zero address pays the operator.",
            "Costs: " + Gas.SET_PAYOUT + "."})
    int setPayout(@Mixin ChainOptions chain,
            @Option(names = "--engine", required = true, paramLabel = "ID", description = OperatorCommands.ENGINE)
            long engineId,
            @Option(names = "--payout", required = true, paramLabel = "ADDRESS", converter = Address.Converter.class,
                    description = "where the earnings go")
            Address payout) throws Exception {
        return OperatorCommands.onRegistry(chain, "paying the earnings of engine " + engineId + " to " + payout,
                r -> r.setPayout(OperatorCommands.id(engineId), payout.hex()));
    }
}
