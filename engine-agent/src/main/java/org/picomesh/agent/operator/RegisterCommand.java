package org.picomesh.agent.operator;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "register", description = {"Register an engine with a stake (the signer becomes its operator), "
        + "then print the command that runs its agent daemon.",
        "Costs: the stake, plus " + Gas.REGISTER + "; with --agent, " + Gas.SET_AGENT + " more."})
final class RegisterCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Mixin
    AdvertOptions advert;

    @Option(names = "--stake", required = true, paramLabel = "AMOUNT", converter = Wei.Converter.class,
            description = "stake, at least the registry's minimum: 1.5eth, 1500000000gwei, 1500000000000000000wei "
                    + "(a bare number is ether)")
    Wei stake;

    @Option(names = "--agent", paramLabel = "ADDRESS", converter = Address.Converter.class,
            description = "name this account the engine's agent (hot key) in a second transaction")
    Address agent;

    @Option(names = "--engine-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:3000",
            description = "the pico engine the agent fronts, on loopback (for the printed command; default: "
                    + "${DEFAULT-VALUE})")
    String engineUrl;

    @Option(names = "--agent-keystore", paramLabel = "FILE",
            description = "the agent key's keystore (from `keys new`), for the printed command; else the agent reads "
                    + "PICOMESH_AGENT_KEY")
    Path agentKeystore;

    @Override
    public Integer call() throws Exception {
        EngineRegistry.Advert ad = advert.toAdvert();
        Amounts.requireHttpUrl(engineUrl);
        Deployment deployment = chain.deployment();
        try (ChainConnection connection = chain.connect(deployment)) {
            EngineRegistry registry = connection.registry(deployment.registry());
            Transactions transactions = new Transactions(connection, chain.err());
            TransactionReceipt receipt = transactions.send("registering " + ad.endpoint + " with " + stake
                    + " at stake", deployment.registry(), registry.register(ad, stake.value()), stake.value());
            BigInteger id = registry.getEngineRegisteredEvents(receipt).get(0).engineId;
            chain.out().printf("registered engine %s (tx %s, gas %s)%n", id, receipt.getTransactionHash(),
                    receipt.getGasUsed());
            chain.out().flush();
            if (agent != null) {
                transactions.send("naming " + agent + " the agent of engine " + id, deployment.registry(),
                        registry.setAgent(id, agent.hex()));
            }
            new RunHint(chain, deployment, id.longValueExact(), engineUrl, agentKeystore,
                    ad.capacity.longValueExact())
                    .print(chain.out(), ad.endpoint, agent != null);
        }
        return 0;
    }
}
