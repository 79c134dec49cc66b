package org.picomesh.agent.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.market.PicoSigner;
import org.picomesh.agent.migration.Enrollment;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * A pico enrolled here with a policy and no lease yet (it joined by its own request, before its owner funded its
 * account) opens its first lease here on its policy's terms, from its own account, at its next evaluation once it
 * can; until then it stays unleased and says why (recorded when the reason changes, not every round). Choosing a
 * better engine is the placement's next round: the pico must be leased before it can move.
 */
@Component
class FirstLease {
    private static final Logger log = LoggerFactory.getLogger(FirstLease.class);

    private final PicoSigner signer;
    private final PicoPlacementState state;
    private final GateRows gates;
    private final Enrollment hosted;
    private final long engineId;
    private final Clock clock = Clock.systemUTC();

    FirstLease(PicoSigner signer, PicoPlacementState state, GateRows gates, Enrollment hosted,
            AgentProperties properties) {
        this.signer = signer;
        this.state = state;
        this.gates = gates;
        this.hosted = hosted;
        this.engineId = properties.engineId();
    }

    /** Nothing when the pico had a lease here before: one its owner ended is not opened again behind their back. */
    Optional<Decision> open(Pico pico, String address, JsonNode document) {
        if (!hosted.neverLeased(address)) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PlacementPolicy policy;
        try {
            policy = PolicyDocument.parse(document.toString());
        } catch (InvalidPolicyException e) {
            return unleased(pico, address, "the pico's policy is not valid: " + e.getMessage(), now);
        }
        Map<String, Object> opened;
        try {
            opened = signer.openFirstLease(address, policy);
        } catch (ErrorResponseException e) {
            return unleased(pico, address, e.getBody().getDetail(), now);
        }
        Decision decision = new Decision(now, Decision.LEASE_OPENED, null, engineId, "opened lease "
                + opened.get("leaseId") + " on engine " + engineId + " from its own account: a deposit of "
                + opened.get("deposit") + " wei for " + opened.get("prepaidSeconds") + " s, at most "
                + opened.get("maxPrice") + " wei an hour", "");
        state.record(pico, decision);
        log.info("pico {} {}", address, decision.reason());
        return Optional.of(decision);
    }

    private Optional<Decision> unleased(Pico pico, String address, String why, Instant now) {
        String reason = "no lease yet: " + why;
        GateRow row = gates.findById(address).orElseGet(() -> new GateRow(address));
        Decision decision = new Decision(now, Decision.STAYED, engineId, null, reason, "");
        if (!decision.reason().equals(row.lastReason())) {
            row.remember(row.state(), decision.reason(), now);
            gates.save(row);
            state.record(pico, decision);
            log.info("pico {} has {}", address, reason);
        }
        return Optional.of(decision);
    }
}
