package org.picomesh.agent.operator;

import java.math.BigInteger;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.EngineRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "engines", description = "List the engines registered on the chain, as the chain holds them.")
final class EnginesCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = chain.deployment();
        try (ChainConnection connection = chain.read(deployment)) {
            EngineRegistry registry = connection.registry(deployment.registry());
            BigInteger count = registry.engineCount().send();
            System.out.printf("%-4s %-42s %-14s %-16s %-8s %s%n", "id", "operator", "stake", "price/pico-hour", "capacity", "listed");
            for (BigInteger id = BigInteger.ONE; id.compareTo(count) <= 0; id = id.add(BigInteger.ONE)) {
                EngineRegistry.EngineView e = registry.engine(id).send();
                System.out.printf("%-4s %-42s %-14s %-16s %-8s %s%n", id, e.operator, Amounts.ether(e.stake),
                        e.pricePerHour + " wei", e.capacity, e.listed ? "yes" : "no");
            }
        }
        return 0;
    }
}
