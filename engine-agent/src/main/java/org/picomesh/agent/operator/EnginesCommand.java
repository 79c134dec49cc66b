package org.picomesh.agent.operator;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.EngineRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "engines", description = {"List the engines registered on the chain, as the chain holds them.",
        Gas.NOTHING})
final class EnginesCommand implements Callable<Integer> {
    private static final String FORMAT = "%-4s %-42s %-14s %-16s %-8s %s%n";

    @Mixin
    ChainOptions chain;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = chain.deployment();
        PrintWriter out = chain.out();
        try (ChainConnection connection = chain.read(deployment)) {
            EngineRegistry registry = connection.registry(deployment.registry());
            BigInteger count = registry.engineCount().send();
            out.printf(FORMAT, "id", "operator", "stake", "price/pico-hour", "capacity", "listed");
            for (BigInteger id = BigInteger.ONE; id.compareTo(count) <= 0; id = id.add(BigInteger.ONE)) {
                EngineRegistry.EngineView e = registry.engine(id).send();
                out.printf(FORMAT, id, e.operator, Amounts.ether(e.stake), Amounts.ether(e.pricePerHour), e.capacity,
                        e.halted ? "halted" : e.listed ? "yes" : "no");
            }
        }
        out.flush();
        return 0;
    }
}
