package org.picomesh.agent.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.AgentException;
import org.picomesh.contracts.placement.PolicyDocument;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pico policy <eci|did> --file policy.json | --show}: gives a hosted pico its placement policy (kept in the
 * pico, so it travels with it) or shows it with the pico's placement decisions. The agent validates the policy; a
 * malformed one is refused with each wrong field named, and the pico keeps the policy it had.
 */
@Command(name = "policy", description = {"Set (--file) or show (--show) a hosted pico's placement policy and its "
        + "last placement decisions. The policy's JSON Schema: GET /admin/placement/policy-schema.json.", Gas.NOTHING})
final class PicoPolicyCommand implements Callable<Integer> {
    private final Map<String, String> env;
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PICO", description = "an ECI of the pico, or its DID or market address")
    String pico;
    @ArgGroup(multiplicity = "1")
    What what;
    @Option(names = "--agent", paramLabel = "URL", description = PicoCommand.AGENT)
    String agent;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    static final class What {
        @Option(names = "--file", paramLabel = "FILE", description = "the policy document (JSON)")
        Path file;
        @Option(names = "--show", description = "show the policy and the decisions")
        boolean show;
    }

    PicoPolicyCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (pico.isBlank() || pico.length() > 120) {
            throw new AgentException("PICO: an ECI, a DID or a market address");
        }
        String path = "/admin/policies/" + URLEncoder.encode(pico, StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        AgentAdmin admin = new AgentAdmin(AgentAdmin.of(agent, env));
        JsonNode answer = what.file == null ? admin.get(path) : admin.put(path, read(what.file));
        if (what.file != null) {
            out.println("policy kept by pico " + answer.path("adminEci").asText());
        }
        out.println("policy: " + (answer.path("policy").isNull() ? "none (the pico is not placed automatically)"
                : answer.path("policy").toString()));
        JsonNode decisions = answer.path("decisions");
        out.println(decisions.size() + " decision" + (decisions.size() == 1 ? "" : "s") + ", newest first:");
        decisions.forEach(d -> out.printf("  %s %s engine %s -> %s: %s%n", d.path("at").asText(), d.path("kind")
                .asText(), d.path("from").asText("?"), d.path("to").isNull() ? "-" : d.path("to").asText(),
                d.path("reason").asText()));
        out.flush();
        return 0;
    }

    static String read(Path file) {
        try {
            if (Files.size(file) > PolicyDocument.MAX_LENGTH) {
                throw new AgentException(file + " is longer than a policy may be (" + PolicyDocument.MAX_LENGTH
                        + " bytes)");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new AgentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
