package org.picomesh.agent.operator;

import java.util.concurrent.Callable;
import org.picomesh.agent.chain.ChainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stake add}: an engine's stake, as the issue names the command. Stake leaves through {@code unbond} then
 * {@code withdraw} (the operator's alone), which stay top-level commands.
 */
@Command(name = "stake", description = {"An engine's stake: add to it (it leaves through unbond, then withdraw).",
        "The stake is what an unanswered challenge slashes; below the registry's minimum the engine halts and its "
                + "leases stop earning.",
        "Costs: nothing by itself; `stake add` costs the amount plus " + Gas.ADD_STAKE + "."})
final class StakeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name what to do: add");
    }

    @Command(name = "add", description = {"Add stake to an engine (agent or operator key); a halted engine whose stake "
            + "reaches the minimum again is listed again.",
            "Costs: the amount, plus " + Gas.ADD_STAKE + "."})
    int add(@Mixin ChainOptions chain,
            @Option(names = "--engine", required = true, paramLabel = "ID", description = OperatorCommands.ENGINE)
            long engineId,
            @Option(names = "--amount", required = true, paramLabel = "AMOUNT", converter = Wei.Converter.class,
                    description = "0.5eth, 500000000gwei, 500000000000000000wei (a bare number is ether)") Wei amount)
            throws Exception {
        return OperatorCommands.addStake(chain, engineId, amount);
    }
}
