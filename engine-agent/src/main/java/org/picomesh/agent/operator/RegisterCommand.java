package org.picomesh.agent.operator;

import java.math.BigInteger;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "register", description = "Register an engine with a stake.")
final class RegisterCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Mixin
    AdvertOptions advert;

    @Option(names = "--stake", required = true, paramLabel = "ETH", description = "stake, in ether (at least the minimum stake)")
    String stake;

    @Override
    public Integer call() throws Exception {
        EngineRegistry.Advert ad = advert.toAdvert();
        BigInteger wei = Amounts.etherToWei(stake);
        Deployment deployment = chain.deployment();
        try (ChainConnection connection = chain.connect(deployment)) {
            EngineRegistry registry = connection.registry(deployment.registry());
            System.err.println("registering " + ad.endpoint + " with " + Amounts.ether(wei) + " at stake...");
            TransactionReceipt receipt = registry.register(ad, wei).send();
            BigInteger id = registry.getEngineRegisteredEvents(receipt).get(0).engineId;
            System.out.printf("registered engine %s (tx %s, gas %s)%n", id, receipt.getTransactionHash(), receipt.getGasUsed());
        }
        return 0;
    }
}
