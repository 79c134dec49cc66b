package org.picomesh.agent.operator;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.AgentException;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.agent.whereabouts.PicoResolver;
import org.picomesh.agent.whereabouts.Whereabouts;
import org.picomesh.agent.whereabouts.WhereaboutsException;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code pico where <pico>}: where a pico lives, from the chain alone (no agent, no directory asked). The pico is
 * named by its DID, or by its market address as the other {@code pico} commands take it (the DID on this chain).
 */
@Command(name = "where", description = {"Where a pico lives, from the chain alone: its lease, the engine, that "
        + "engine's advertised endpoint (its advert checked against the registry's hash), and a pending move.",
    Gas.NOTHING})
final class PicoWhereCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;
    @Parameters(index = "0", paramLabel = "PICO", description = "the pico's DID (did:pkh:eip155:<chainId>:<0x "
            + "address>) or its market address (0x...)")
    String pico;

    PicoWhereCommand(Map<String, String> env) {
        this.chain = new ChainOptions(env);
    }

    @Override
    public Integer call() {
        Deployment deployment = chain.deployment();
        PrintWriter out = chain.out();
        PrintWriter err = chain.err();
        try (ChainConnection connection = chain.read(deployment)) {
            PicoResolver resolver = new PicoResolver(connection.web3j(), connection.registry(deployment.registry()),
                    connection.escrow(deployment.escrow()), deployment.chainId(),
                    deployment.deploymentBlock() == null ? 0 : deployment.deploymentBlock().longValueExact());
            Whereabouts where = resolver.resolve(did(deployment), step -> {
                err.println("... " + step);
                err.flush();
            });
            out.println(line(where));
            out.flush();
            return 0;
        } catch (WhereaboutsException e) {
            throw new AgentException(e.getMessage());
        }
    }

    /** The DID as given, or the DID of a market address on the deployment's chain. */
    private String did(Deployment deployment) {
        String given = pico.strip();
        return given.startsWith("0x") ? "did:pkh:eip155:" + deployment.chainId() + ":" + Address.parse(given).hex()
                : given;
    }

    static String line(Whereabouts w) {
        String here = w.pico() + " lives on engine " + w.engineId() + " (lease " + w.leaseId() + ") at "
                + (w.endpoint() == null ? "no usable endpoint" : w.endpoint()) + ", per the chain at block "
                + w.atBlock();
        Whereabouts.PendingMove m = w.pendingMove();
        return m == null ? here : here + "\nmoving: to engine " + m.toEngineId() + " at " + (m.endpoint() == null
                ? "no usable endpoint" : m.endpoint()) + ", unless not accepted by "
                + Instant.ofEpochSecond(m.deadline());
    }
}
