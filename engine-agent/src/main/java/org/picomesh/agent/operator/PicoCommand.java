package org.picomesh.agent.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.LeaseEscrow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pico enroll | move | policy | status | where | moves}: picos on this agent's engine, and their moves. */
@Command(name = "pico", description = {"Picos hosted by this agent's engine and their moves between engines: enroll "
        + "(the pico joins the market: its key, its account funded, its first lease), move, policy, status, where, moves.",
    "Costs: nothing by itself; `pico enroll` costs the owner a transfer and the pico its lease (about 114,000 gas), "
        + "`pico move` the pico about 60,000 gas."},
        subcommands = {PicoEnrollCommand.class, PicoMoveCommand.class, PicoPolicyCommand.class, PicoCommand.Status.class,
            PicoWhereCommand.class, PicoCommand.Moves.class})
final class PicoCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    static final String AGENT = "the agent daemon (default: http://127.0.0.1:$AGENT_PORT, else port 8081)";
    static final String PICO = "the pico's market address (0x...)";

    @Command(name = "status", description = {"Where a pico lives per the chain (its lease, a pending move) and "
            + "what this agent's journal says of it.", Gas.NOTHING})
    static final class Status implements Callable<Integer> {
        private final Map<String, String> env;
        @Mixin
        ChainOptions chain;
        @Parameters(index = "0", paramLabel = "PICO", description = PICO)
        String pico;
        @Option(names = "--agent", paramLabel = "URL", description = AGENT)
        String agent;

        Status(Map<String, String> env) {
            this.env = env;
            this.chain = new ChainOptions(env);
        }

        @Override
        public Integer call() throws Exception {
            String address = Address.parse(pico).hex().toLowerCase(Locale.ROOT);
            Deployment deployment = chain.deployment();
            PrintWriter out = chain.out();
            try (ChainConnection connection = chain.read(deployment)) {
                out.println(onChain(connection.escrow(deployment.escrow()).currentLease(address).send()));
            }
            AgentAdmin admin = new AgentAdmin(AgentAdmin.of(agent, env));
            JsonNode status = admin.get("/admin/picos/" + address);
            out.println(status.path("hosted").asBoolean() ? "this agent hosts it: admin ECI "
                    + status.path("adminEci").asText() + ", lease " + status.path("leaseId").asText()
                    : "this agent does not host it");
            if (status.path("hosted").asBoolean()) {
                out.println(RentLine.of(admin, address));
            }
            for (JsonNode move : status.path("moves")) {
                out.printf("move %s (%s, lease %s, engine %s -> %s): %s%s%n", move.path("id").asText(),
                        move.path("side").asText().toLowerCase(), move.path("leaseId").asText(),
                        move.path("fromEngineId").asText("?"), move.path("toEngineId").asText(),
                        move.path("state").asText(), move.path("reason").isNull() ? ""
                                : " (" + move.path("reason").asText() + ")");
                move.path("steps").forEach(step -> out.println("  " + MoveLines.step(move, step)));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code lease 3 on engine 1, pending move to engine 2 until ...}. */
    static String onChain(LeaseEscrow.LeaseView lease) {
        if (lease.id.signum() == 0) {
            return "on the chain: no active lease (the pico lives nowhere in the market)";
        }
        return "on the chain: lease " + lease.id + " on engine " + lease.engineId + (lease.moveTo.signum() == 0 ? ""
                : ", pending move to engine " + lease.moveTo + " until "
                        + Instant.ofEpochSecond(lease.moveDeadline.longValueExact()));
    }

    @Command(name = "moves", description = {"The moves this agent took part in, newest first: side, pico, engines, "
            + "state, how long each took and how it ended.", Gas.NOTHING})
    static final class Moves implements Callable<Integer> {
        private final Map<String, String> env;
        @Mixin
        ChainOptions chain;
        @Option(names = "--agent", paramLabel = "URL", description = AGENT)
        String agent;

        Moves(Map<String, String> env) {
            this.env = env;
            this.chain = new ChainOptions(env);
        }

        @Override
        public Integer call() {
            JsonNode moves = new AgentAdmin(AgentAdmin.of(agent, env)).get("/admin/moves");
            PrintWriter out = chain.out();
            out.printf(MoveLines.MOVES, "move", "side", "pico", "lease", "engines", "state", "took", "outcome");
            moves.forEach(m -> out.printf(MoveLines.MOVES, MoveLines.row(m)));
            out.printf("%d move%s%n", moves.size(), moves.size() == 1 ? "" : "s");
            out.flush();
            return 0;
        }
    }
}
