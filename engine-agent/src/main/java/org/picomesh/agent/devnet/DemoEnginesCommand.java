package org.picomesh.agent.devnet;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.utils.Convert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Registers the demo's three sample engines, each by its own dev account, with different adverts. */
@Command(name = "demo-engines", hidden = true, description = "Register three sample engines on a local dev chain.")
public final class DemoEnginesCommand implements Callable<Integer> {
    static final int FIRST_PORT = 3101;

    @Mixin
    ChainOptions chain;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = chain.deployment();
        if (deployment.chainId() != 31337) {
            throw new IllegalStateException("demo engines use public dev keys: only on a local dev chain (31337)");
        }
        for (int n = 1; n <= 3; n++) {
            try (ChainConnection operator = ChainConnection.open(deployment.rpcUrl(), DevAccounts.account(n), Duration.ofMillis(50))) {
                EngineRegistry registry = operator.registry(deployment.registry());
                String endpoint = "http://127.0.0.1:" + (FIRST_PORT + n - 1);
                var receipt = registry.register(SampleAdverts.advert(endpoint, n, 5 * n),
                        Convert.toWei(BigInteger.valueOf(n).toString(), Convert.Unit.ETHER).toBigInteger()).send();
                BigInteger id = registry.getEngineRegisteredEvents(receipt).get(0).engineId;
                System.err.printf("registered sample engine %s at %s by %s%n", id, endpoint, operator.address());
            }
        }
        return 0;
    }
}
