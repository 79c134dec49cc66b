package org.picomesh.agent.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.AgentException;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.agent.chain.Keys;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pico move <pico> --to <engine>}: the pico asks the escrow to move its lease, signed by the pico's own key:
 * by the source agent, which reads the key of a pico it enrolled (or received) from the pico itself, or here when the
 * pico's key is given (a pico whose key its owner keeps). Then the command follows the move on the source agent's
 * journal and on the chain, printing each step, until it is live on the target or has stayed, or the window is over.
 */
@Command(name = "move", description = {"Move a pico to another engine: the pico's key signs moveLease, then each step "
        + "of the move (leaving, sealed, offered, accepted, moved) is printed as the agent records it.",
    "The pico's key: the source agent signs for a pico it hosts with a market key (see pico enroll); else, or to "
        + "override, --pico-keystore (password in PICOMESH_KEYSTORE_PASSWORD) or PICOMESH_PICO_KEY.",
    "Costs: about 60,000 gas, paid by the pico."})
final class PicoMoveCommand implements Callable<Integer> {
    static final String PICO_KEY_ENV = "PICOMESH_PICO_KEY";
    private static final Set<String> OVER = Set.of("DONE", "MOVED", "ROLLED_BACK", "DIVERGED");
    private static final Duration POLL = Duration.ofMillis(250);

    private final Map<String, String> env;
    @Mixin
    ChainOptions chain;
    @Parameters(index = "0", paramLabel = "PICO", description = PicoCommand.PICO)
    String pico;
    @Option(names = "--to", required = true, paramLabel = "ENGINE", description = "the engine to move to")
    long toEngine;
    @Option(names = "--max-price", paramLabel = "WEI", description = "the most the pico pays an hour there, in wei "
            + "(default: any)")
    BigInteger maxPrice = BigInteger.TWO.pow(72);
    @Option(names = "--pico-keystore", paramLabel = "FILE", description = "the pico's keystore")
    Path picoKeystore;
    @Option(names = "--agent", paramLabel = "URL", description = "the source engine's agent daemon, "
            + "whose journal is followed (default: http://127.0.0.1:$AGENT_PORT, else port 8081)")
    String agent;
    @Option(names = "--no-follow", description = "send the request and return")
    boolean noFollow;

    PicoMoveCommand(Map<String, String> env) {
        this.env = env;
        this.chain = new ChainOptions(env);
    }

    @Override
    public Integer call() throws Exception {
        String address = Address.parse(pico).hex().toLowerCase(Locale.ROOT);
        OperatorCommands.id(toEngine);
        if (maxPrice.signum() < 0) {
            throw new AgentException("--max-price is a number of wei, 0 or more");
        }
        boolean keyGiven = picoKeystore != null || !env.getOrDefault(PICO_KEY_ENV, "").isBlank();
        Credentials key = keyGiven ? picoKey() : null; // a wrong password fails before anything is reached
        if (key != null && !key.getAddress().equalsIgnoreCase(address)) {
            throw new AgentException("the pico key is the key of " + key.getAddress() + ", not of " + address);
        }
        Deployment deployment = chain.deployment();
        try (ChainConnection reader = chain.read(deployment)) {
            LeaseEscrow escrow = reader.escrow(deployment.escrow());
            if (key != null) {
                signHere(reader, deployment, address, key);
            } else {
                askAgent(escrow, address);
            }
            LeaseEscrow.LeaseView lease = escrow.currentLease(address).send();
            chain.out().println(PicoCommand.onChain(lease));
            chain.out().flush();
            return noFollow ? 0 : follow(escrow, address, lease);
        }
    }

    /**
     * The source agent signs with the pico's key, which only the agent hosting the pico can read: an agent that does
     * not host it is told apart from a pico that lives nowhere, and the operator is told which engine's agent to ask.
     */
    private void askAgent(LeaseEscrow escrow, String address) throws Exception {
        try {
            JsonNode asked = new AgentAdmin(AgentAdmin.of(agent, env)).post("/admin/picos/" + address + "/move",
                    Map.of("toEngine", Long.toString(toEngine), "maxPrice", maxPrice.toString()));
            chain.err().println("the agent signed the move for the pico: tx " + asked.path("tx").asText());
        } catch (AgentAdmin.Refused e) {
            if (e.status() != 404) {
                throw e;
            }
            LeaseEscrow.LeaseView lease = escrow.currentLease(address).send();
            throw new AgentException(e.getMessage() + (lease.active ? "; per the chain it lives on engine "
                    + lease.engineId + " (lease " + lease.id + "): run this on that engine's agent (--agent), or give "
                    + "the pico's key (--pico-keystore)" : "; per the chain it has no active lease: it lives nowhere "
                    + "in the market"));
        }
    }

    private void signHere(ChainConnection reader, Deployment deployment, String address, Credentials key)
            throws Exception {
        try (ChainConnection asPico = reader.as(key)) {
            new Transactions(asPico, chain.err()).send("asking to move pico " + address + " to engine " + toEngine,
                    deployment.escrow(), asPico.escrow(deployment.escrow()).moveLease(BigInteger.valueOf(toEngine),
                            maxPrice));
        }
    }

    /** Prints the source journal's new steps until the move is over; bounded by the move window and a minute. */
    private int follow(LeaseEscrow escrow, String address, LeaseEscrow.LeaseView asked) throws Exception {
        PrintWriter out = chain.out();
        AgentAdmin admin = new AgentAdmin(AgentAdmin.of(agent, env));
        Instant end = Instant.now().plus(Duration.ofSeconds(Math.max(0, asked.moveDeadline.longValueExact()
                - Instant.now().getEpochSecond()))).plus(Duration.ofMinutes(1));
        Set<String> printed = new HashSet<>();
        while (Instant.now().isBefore(end)) {
            JsonNode move = latest(admin, address, asked.id);
            if (move != null) {
                for (JsonNode step : move.path("steps")) {
                    if (printed.add(step.path("state").asText() + step.path("at").asText())) {
                        out.println(MoveLines.step(move, step));
                        out.flush();
                    }
                }
                if (OVER.contains(move.path("state").asText())) {
                    out.println(PicoCommand.onChain(escrow.currentLease(address).send()));
                    out.println(move.path("state").asText().equals("ROLLED_BACK") ? "the pico stayed: "
                            + move.path("reason").asText() : "the pico lives on engine " + toEngine);
                    out.flush();
                    return move.path("state").asText().equals("ROLLED_BACK") ? 1 : 0;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AgentException("the move was not over within its window; see pico status " + address);
    }

    private static JsonNode latest(AgentAdmin admin, String address, BigInteger leaseId) {
        for (JsonNode move : admin.get("/admin/picos/" + address).path("moves")) {
            if (move.path("side").asText().equals("SOURCE") && move.path("leaseId").asLong() == leaseId.longValue()) {
                return move;
            }
        }
        return null;
    }

    private Credentials picoKey() {
        if (picoKeystore != null) {
            return Keys.load(picoKeystore, env);
        }
        String hex = env.get(PICO_KEY_ENV);
        if (hex == null || hex.isBlank()) {
            throw new AgentException("no pico key: give --pico-keystore (password in PICOMESH_KEYSTORE_PASSWORD) or "
                    + "set " + PICO_KEY_ENV);
        }
        if (!WalletUtils.isValidPrivateKey(hex.strip())) {
            throw new AgentException(PICO_KEY_ENV + " is not a valid private key (64 hex digits)");
        }
        return Credentials.create(hex.strip());
    }
}
