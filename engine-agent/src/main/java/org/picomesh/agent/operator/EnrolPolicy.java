package org.picomesh.agent.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.picomesh.agent.chain.AgentException;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.web3j.crypto.Credentials;

/**
 * The placement policy a pico is enrolled with ({@code pico enroll --policy}): read and validated before anything is
 * sent or paid, given to the pico once its ruleset is installed, and the terms of its first lease (the policy's
 * maximum price, a deposit for its prepaid period: the agent computes the exact deposit, as its own placement does).
 */
record EnrolPolicy(String text, PlacementPolicy policy) {
    private static final BigInteger HOUR = BigInteger.valueOf(3600);

    static EnrolPolicy read(Path file) {
        String text = PicoPolicyCommand.read(file);
        try {
            return new EnrolPolicy(text, PolicyDocument.parse(text));
        } catch (InvalidPolicyException e) {
            throw new AgentException(file + " is not a valid placement policy: " + e.getMessage()
                    + " (nothing enrolled, nothing paid)");
        }
    }

    /** The pico keeps the policy (the agent validates it again; a refusal is an error here). */
    void give(AgentAdmin admin, String adminEci, PrintWriter out) {
        admin.put("/admin/policies/" + adminEci, text);
        say(out, "policy kept by pico " + adminEci);
    }

    /**
     * Funds the pico's account for the policy's deposit, opens its first lease on the policy's terms, then gives the
     * pico its policy (after: a pico with a policy and no lease is leased by its agent's placement as well).
     */
    void openLease(AgentAdmin admin, PrintWriter out, PicoFunding funding, BigInteger price, String address,
            JsonNode enrolled, long engineId, Wei given, Supplier<Credentials> ownerKey) throws Exception {
        String adminEci = enrolled.path("adminEci").asText();
        String max = policy.constraints().maxPrice();
        if (max != null && price.compareTo(new BigInteger(max)) > 0) {
            give(admin, adminEci, out);
            throw new AgentException("engine " + engineId + " asks " + price + " wei an hour, more than the policy's "
                    + "maximum " + max + ": no lease opened (the pico is enrolled and keeps its policy; its agent "
                    + "opens the lease once a policy it passes lets it, or enroll again)");
        }
        // the policy's prepaid period, rounded up to whole wei; never below what the market asks at the least
        BigInteger byPolicy = price.multiply(BigInteger.valueOf(policy.prepaidSeconds())).add(HOUR)
                .subtract(BigInteger.ONE).divide(HOUR);
        BigInteger deposit = byPolicy.max(funding.defaultDeposit(price));
        funding.fund(out, address, deposit, given == null ? null : given.value(), ownerKey);
        JsonNode lease = admin.post("/admin/picos/" + address + "/lease-by-policy", text);
        give(admin, adminEci, out);
        say(out, "lease " + lease.path("leaseId").asText() + " opened on engine " + engineId + " from the pico's "
                + "account by its policy (at most " + lease.path("maxPrice").asText() + " wei an hour, "
                + lease.path("prepaidSeconds").asText() + " s prepaid)");
        say(out, "pico " + address + " enrolled: " + enrolled.path("did").asText() + ", lease "
                + lease.path("leaseId").asText());
    }

    private static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
