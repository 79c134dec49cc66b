package org.picomesh.agent.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.AgentException;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pico enroll <eci>}: the pico joins the market. The agent installs the project's ruleset in it and gives it
 * its market key (kept in the pico, never shown); this command, with the owner's key (never the daemon), funds the
 * pico's account; then the agent has the pico open its first lease here from that account. Each step is skipped when
 * it is done already, so enrolling again finishes what was left and pays nothing twice.
 */
@Command(name = "enroll", description = {"A pico of this engine joins the market: the agent installs the "
        + "org.picomesh.market ruleset in it and gives it its market key (its account and DID; the key stays in the "
        + "pico and travels with it), the owner funds the pico's account, and the pico opens its first lease here "
        + "from its own account. Enrolling again does only what is left.",
    "The owner's key: --owner-keystore (password in PICOMESH_KEYSTORE_PASSWORD), else PICOMESH_OWNER_KEY; needed only "
        + "when the pico's account must be funded.",
    "With --policy FILE: the pico also keeps that placement policy (validated first: nothing happens when it is "
        + "malformed), and its first lease is opened on the policy's terms (its maximum price, a deposit for its "
        + "prepaid period); from then on its agent places it by that policy.",
    "With --pico ADDRESS: only link a pico whose key its owner keeps (nothing installed, funded or opened).",
    "Costs: the owner pays 21,000 gas for the transfer; the pico pays about 114,000 gas for its lease."})
final class PicoEnrollCommand implements Callable<Integer> {
    private final Map<String, String> env;
    @Mixin
    ChainOptions chain;
    @Parameters(index = "0", paramLabel = "ECI", description = "an ECI of the pico on this engine")
    String eci;
    @Option(names = "--fund", paramLabel = "ETH", converter = Wei.Converter.class, description = "what the owner "
            + "sends to the pico's account (default: the deposit and gas for a few transactions, less what the "
            + "account holds)")
    Wei fund;
    @Option(names = "--deposit", paramLabel = "ETH", converter = Wei.Converter.class, description = "the lease's "
            + "deposit (default: twice the minimum prepaid period at the engine's price)")
    Wei deposit;
    @Option(names = "--max-price", paramLabel = "WEI", description = "the most the pico pays an hour here, in wei "
            + "(default: the engine's price now)")
    BigInteger maxPrice;
    @Option(names = "--policy", paramLabel = "FILE", description = "the pico's placement policy (JSON; schema: GET "
            + "/admin/placement/policy-schema.json on the agent)")
    Path policyFile;
    @Option(names = "--owner-keystore", paramLabel = "FILE", description = "the pico owner's keystore")
    Path ownerKeystore;
    @Option(names = "--pico", paramLabel = "ADDRESS", description = "only link the pico to this market address, "
            + "whose key its owner keeps")
    String pico;
    @Option(names = "--agent", paramLabel = "URL", description = PicoCommand.AGENT)
    String agent;

    PicoEnrollCommand(Map<String, String> env) {
        this.env = env;
        this.chain = new ChainOptions(env);
    }

    @Override
    public Integer call() throws Exception {
        AgentAdmin admin = new AgentAdmin(AgentAdmin.of(agent, env));
        PrintWriter out = chain.out();
        if (pico != null) {
            return link(admin, out);
        }
        if (maxPrice != null && maxPrice.signum() < 0) {
            throw new AgentException("--max-price is a number of wei, 0 or more");
        }
        if (policyFile != null && (maxPrice != null || deposit != null)) {
            throw new AgentException("--policy sets the lease's maximum price and prepaid period: leave out "
                    + "--max-price and --deposit");
        }
        Optional<EnrolPolicy> policy = Optional.ofNullable(policyFile).map(EnrolPolicy::read);
        Deployment deployment = chain.deployment();
        JsonNode enrolled = admin.post("/admin/enrolments", Map.of("eci", eci));
        String address = enrolled.path("pico").asText();
        long engineId = enrolled.path("engineId").asLong();
        say(out, "installed " + enrolled.path("ruleset").asText() + " in pico " + enrolled.path("adminEci").asText());
        say(out, "market key " + enrolled.path("key").asText() + ": address " + address + ", DID "
                + enrolled.path("did").asText());
        if (!enrolled.path("leaseId").isNull()) {
            policy.ifPresent(p -> p.give(admin, enrolled.path("adminEci").asText(), out));
            return leased(out, enrolled, engineId);
        }
        try (ChainConnection reader = chain.read(deployment)) {
            PicoFunding funding = new PicoFunding(reader, deployment, chain.err());
            BigInteger price = funding.price(engineId);
            if (policy.isPresent()) {
                // the lease first: a pico with a policy and no lease is leased by its agent's own placement too
                policy.get().openLease(admin, out, funding, price, address, enrolled, engineId, fund,
                        () -> org.picomesh.agent.chain.Keys.loadOwner(ownerKeystore, env));
                return 0;
            }
            BigInteger max = maxPrice != null ? maxPrice : price;
            if (price.compareTo(max) > 0) {
                throw new AgentException("engine " + engineId + " asks " + price + " wei an hour, more than --max-price "
                        + max + ": no lease opened (the pico is enrolled; enroll again with a higher --max-price)");
            }
            BigInteger depositWei = deposit != null ? deposit.value() : funding.defaultDeposit(price);
            funding.fund(out, address, depositWei, fund == null ? null : fund.value(),
                    () -> org.picomesh.agent.chain.Keys.loadOwner(ownerKeystore, env));
            JsonNode lease = admin.post("/admin/picos/" + address + "/lease", Map.of("maxPrice", max.toString(),
                    "deposit", depositWei.toString()));
            say(out, "lease " + lease.path("leaseId").asText() + " opened on engine " + engineId
                    + " from the pico's account (deposit " + Amounts.ether(depositWei) + ")");
            say(out, "pico " + address + " enrolled: " + enrolled.path("did").asText() + ", lease "
                    + lease.path("leaseId").asText());
        }
        return 0;
    }

    /** The pico has a lease already: enrolled, nothing to pay (or its lease is elsewhere: said, not fixed here). */
    private int leased(PrintWriter out, JsonNode enrolled, long engineId) {
        long leaseEngine = enrolled.path("leaseEngineId").asLong();
        if (leaseEngine != engineId) {
            throw new AgentException("pico " + enrolled.path("pico").asText() + " has lease "
                    + enrolled.path("leaseId").asText() + " on engine " + leaseEngine + ", not on this agent's engine "
                    + engineId + ": nothing funded, no lease opened");
        }
        say(out, "already enrolled: lease " + enrolled.path("leaseId").asText() + " is active on engine " + engineId
                + "; nothing funded, no lease opened");
        say(out, "pico " + enrolled.path("pico").asText() + " enrolled: " + enrolled.path("did").asText() + ", lease "
                + enrolled.path("leaseId").asText());
        return 0;
    }

    private int link(AgentAdmin admin, PrintWriter out) {
        JsonNode linked = admin.post("/admin/picos", Map.of("eci", eci, "pico", Address.parse(pico).hex()
                .toLowerCase(Locale.ROOT)));
        say(out, "pico " + linked.path("pico").asText() + " enrolled: admin ECI " + linked.path("adminEci").asText()
                + ", lease " + linked.path("leaseId").asText());
        return 0;
    }

    private static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
