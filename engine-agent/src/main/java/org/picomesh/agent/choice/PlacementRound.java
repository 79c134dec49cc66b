package org.picomesh.agent.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One evaluation of one hosted pico's placement: its policy (read from the pico), then, for a pico leased here with
 * no move pending, the ranking and the hysteresis gate ({@link PlacementGate}), then a decision recorded in the pico,
 * naming whose ranking it came from, and, when the gate says so, the pico's own request to move its lease
 * ({@link MoveAsk}). A pico not leased yet opens its first lease ({@link FirstLease}); a move's outcome is settled
 * ({@link MoveSettlement}). Callers run one evaluation at a time ({@link PlacementSchedule}).
 */
@Component
class PlacementRound {
    private static final Logger log = LoggerFactory.getLogger(PlacementRound.class);

    private final PicoPlacementState state;
    private final LeaseEscrow escrow;
    private final GateRows gates;
    private final MoveSettlement settlement;
    private final FirstLease firstLease;
    private final PlacementGate gate;
    private final DecisionRecorder decisions;
    private final long engineId;
    private final Clock clock = Clock.systemUTC();

    PlacementRound(PicoPlacementState state, LeaseEscrow escrow, GateRows gates, MoveSettlement settlement,
            FirstLease firstLease, PlacementGate gate, DecisionRecorder decisions, AgentProperties properties) {
        this.state = state;
        this.escrow = escrow;
        this.gates = gates;
        this.settlement = settlement;
        this.firstLease = firstLease;
        this.gate = gate;
        this.decisions = decisions;
        this.engineId = properties.engineId();
    }

    /** The move protocol says how the pico's move ended ({@code why}: its reason for a rollback, or null). */
    void settle(String address, String why) {
        state.find(address).filter(PlacementRound::chooses).ifPresent(pico -> settlement.settle(pico, address, why));
    }

    /**
     * Whether the pico runs here and chooses its host: live, with the market ruleset (a pico an operator linked to an
     * address without enrolling it has neither policy nor decisions to keep).
     */
    private static boolean chooses(Pico pico) {
        return pico.status().live() && pico.rulesets().contains(PicoPlacementState.RID);
    }

    /**
     * Evaluates the pico of market address {@code address}; {@code request} when the pico asked to move (to
     * {@code request.to()} if named). Nothing when the pico is not live here with a policy and its lease here.
     */
    Optional<Decision> evaluate(String address, Request request) throws Exception {
        Optional<Pico> found = state.find(address).filter(PlacementRound::chooses);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Pico pico = found.get();
        Optional<JsonNode> document = state.policy(pico);
        if (document.isEmpty() && request == null) {
            return Optional.empty();
        }
        LeaseEscrow.LeaseView lease = escrow.currentLease(address).send();
        if (!lease.active && document.isPresent()) {
            return firstLease.open(pico, address, document.get());
        }
        if (!lease.active || lease.engineId.longValueExact() != engineId || lease.moveTo.signum() != 0) {
            log.debug("pico {} is not leased here or has a move pending: not evaluated", address);
            return Optional.empty();
        }
        settlement.settle(pico, address, null); // in case the protocol's word was lost (a restart, say)
        return Optional.of(decide(pico, address, document.orElse(null), request));
    }

    /** For a pico leased here with no move pending: the gate's decision, or it stays when its policy is not valid. */
    private Decision decide(Pico pico, String address, JsonNode document, Request request) {
        PlacementPolicy policy;
        try {
            policy = PolicyDocument.parse(document == null ? null : document.toString());
        } catch (InvalidPolicyException e) {
            return invalid(pico, address, e, request);
        }
        return gate.decide(pico, address, policy, PolicyWithHost.document(document, engineId), request);
    }

    /** The pico's own request: "move me", to a named engine or to the best. */
    record Request(Long to) {}

    /** The pico stays: its policy is not valid (recorded when that reason is new, or when the pico asked). */
    private Decision invalid(Pico pico, String address, InvalidPolicyException e, Request request) {
        String reason = Decision.cut("the pico's policy is not valid: " + e.getMessage());
        GateRow row = gates.findById(address).orElseGet(() -> new GateRow(address));
        boolean changed = !reason.equals(row.lastReason());
        row.remember(row.state(), reason, clock.instant());
        gates.save(row);
        return decisions.stayed(pico, reason, "", changed || request != null);
    }
}
