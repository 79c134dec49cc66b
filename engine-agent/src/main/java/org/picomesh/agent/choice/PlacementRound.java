package org.picomesh.agent.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.market.PicoSigner;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.placement.HostSelection;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.MoveGate;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.picomesh.contracts.placement.Ranking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One evaluation of one hosted pico's placement: its policy (read from the pico), the ranking ({@link HostSelection}:
 * the directory's when one is configured and answers, else the chain's and the agent's probes; the engine chosen
 * checked against the chain either way), the hysteresis gate (its state persisted), then a decision recorded in the
 * pico, naming whose ranking it came from, and, when the gate says so, the pico's own request to move its lease.
 * Callers run one evaluation at a time ({@link PlacementSchedule}).
 */
@Component
class PlacementRound {
    private static final Logger log = LoggerFactory.getLogger(PlacementRound.class);
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);

    private final PicoPlacementState state;
    private final HostSelection selection;
    private final LeaseEscrow escrow;
    private final GateRows gates;
    private final PicoSigner signer;
    private final MeterRegistry meters;
    private final MoveSettlement settlement;
    private final FirstLease firstLease;
    private final long engineId;
    private final Clock clock = Clock.systemUTC();

    PlacementRound(PicoPlacementState state, HostSelection selection, LeaseEscrow escrow, GateRows gates,
            PicoSigner signer, MeterRegistry meters, MoveSettlement settlement, FirstLease firstLease,
            AgentProperties properties) {
        this.state = state;
        this.selection = selection;
        this.escrow = escrow;
        this.gates = gates;
        this.signer = signer;
        this.meters = meters;
        this.settlement = settlement;
        this.firstLease = firstLease;
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
        PlacementPolicy policy;
        try {
            policy = PolicyDocument.parse(document.map(JsonNode::toString).orElse(null));
        } catch (InvalidPolicyException e) {
            String reason = cut("the pico's policy is not valid: " + e.getMessage());
            GateRow row = gates.findById(address).orElseGet(() -> new GateRow(address));
            boolean changed = !reason.equals(row.lastReason());
            row.remember(row.state(), reason, clock.instant());
            gates.save(row);
            return Optional.of(decide(pico, address, null, reason, "", changed || request != null));
        }
        return Optional.of(gate(pico, address, policy, PolicyWithHost.document(document.orElse(null), engineId),
                request));
    }

    /** The pico's own request: "move me", to a named engine or to the best. */
    record Request(Long to) {}

    private Decision gate(Pico pico, String address, PlacementPolicy policy, String document, Request request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the database keeps it: reasons repeat
        HostSelection.Choice choice = selection.choose(policy.withCurrentEngine(engineId), document, true);
        String source = choice.where().source();
        Ranking.Result ranking = choice.where().ranking();
        Optional<Ranking.Excluded> hostExcluded = ranking.excluded().stream().filter(e -> e.id() == engineId)
                .findFirst();
        // the first candidate the chain agrees with: a directory's ranking is a stranger's word
        Long best = choice.chosen() == null ? null : choice.chosen().id();
        String why = setAside(choice);
        if (request != null && request.to() != null) {
            boolean passes = ranking.candidates().stream().anyMatch(r -> r.id() == request.to());
            best = passes ? request.to() : null;
            why += passes ? "" : "engine " + request.to() + " does not pass the pico's policy"
                    + reasonsOf(ranking, request.to()) + "; ";
        }
        GateRow row = gates.findById(address).orElseGet(() -> new GateRow(address));
        MoveGate.State before = withTravelledMoves(row.state(), pico);
        // A host that breaks the policy, or the pico's own request, does not wait for the sustained time; the
        // cool-down and the window's budget still bound the moves.
        boolean urgent = hostExcluded.isPresent() || request != null;
        PlacementPolicy.Moves moves = urgent ? new PlacementPolicy.Moves(0L, policy.moves().maxMoves(),
                policy.moves().windowSeconds(), policy.moves().cooldownSeconds()) : policy.moves();
        MoveGate.Decision gate = MoveGate.decide(moves, before, now, engineId, best);
        if (gate.moves()) {
            Optional<String> held = MoveOutcomes.retryHeld(state.decisions(pico), gate.target(), now,
                    policy.moves().cooldown());
            if (held.isPresent()) {
                gate = new MoveGate.Decision(null, held.get(), new MoveGate.State(gate.target(), now, before.moves()));
            }
        }
        String reason = (hostExcluded.map(e -> "this host no longer passes the policy (" + String.join("; ",
                e.reasons()) + "); ").orElse("")) + why + gate.reason() + (best == null && choice.setAside().isEmpty()
                        && (request == null || request.to() == null) ? unsatisfied(ranking) : "");
        String previous = row.lastReason();
        row.remember(gate.next(), cut(reason), now);
        if (!gate.moves()) {
            boolean changed = !cut(reason).equals(previous);
            if (best == null) {
                meters.counter("picomesh.placement.unsatisfied").increment();
            }
            if (changed) {
                log.info("pico {} stays on engine {}: {}", address, engineId, reason);
            }
            gates.save(row);
            return decide(pico, address, null, reason, source, changed || request != null);
        }
        // counted from now until it is settled (a rollback takes it back): recorded before the pico leaves, so that
        // the record travels with it and its new host settles it
        GateRow saved = gates.save(row);
        Decision moving = decide(pico, Decision.MOVING, gate.target(), "asking to move to engine " + gate.target()
                + ": " + reason, source, true, now);
        try {
            String tx = signer.askMove(address, gate.target(), maxPrice(policy));
            log.info("pico {} asked to move from engine {} to {} (tx {}, ranked by the {}): {}", address, engineId,
                    gate.target(), tx, source, reason);
            return moving;
        } catch (RuntimeException e) {
            saved.remember(before, cut("the move could not be asked: " + e.getMessage()), now);
            gates.save(saved);
            return decide(pico, Decision.ROLLED_BACK, gate.target(), "move rolled back: it could not be asked: "
                    + e.getMessage(), source, true, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        }
    }

    private Decision decide(Pico pico, String address, Long to, String reason, String source, boolean recorded) {
        return decide(pico, Decision.STAYED, to, reason, source, recorded,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** {@code at}: for a move, the very instant the gate counted, so the pico's record and the row's are one move. */
    private Decision decide(Pico pico, String kind, Long to, String reason, String source, boolean recorded,
            Instant at) {
        Decision decision = new Decision(at, kind, engineId, to, reason, source);
        meters.counter("picomesh.placement.decisions", "kind", decision.kind()).increment();
        if (recorded) {
            state.record(pico, decision);
        }
        return decision;
    }

    /** The moves the pico made from other hosts count too: its decisions travel with it. */
    private MoveGate.State withTravelledMoves(MoveGate.State kept, Pico pico) {
        List<Instant> all = new ArrayList<>(kept.moves());
        state.decisions(pico).stream().filter(d -> Decision.MOVED.equals(d.kind()) && d.at() != null)
                .map(Decision::at).filter(at -> !all.contains(at)).forEach(all::add);
        all.sort(null);
        return new MoveGate.State(kept.challenger(), kept.leadingSince(), List.copyOf(all));
    }

    /** The candidates ranked above the one chosen that the chain disagreed with, and why (the first two). */
    private static String setAside(HostSelection.Choice choice) {
        StringBuilder why = new StringBuilder();
        choice.setAside().entrySet().stream().limit(2).forEach(e -> why.append("engine ").append(e.getKey())
                .append(" set aside: ").append(String.join(", ", e.getValue())).append("; "));
        return why.toString();
    }

    private static String unsatisfied(Ranking.Result ranking) {
        StringBuilder why = new StringBuilder(" (" + ranking.excludedTotal() + " of " + ranking.considered()
                + " engines excluded");
        ranking.excluded().stream().limit(3).forEach(e -> why.append("; engine ").append(e.id()).append(": ")
                .append(String.join(", ", e.reasons())));
        return why.append(")").toString();
    }

    private static String reasonsOf(Ranking.Result ranking, long engine) {
        return ranking.excluded().stream().filter(e -> e.id() == engine).findFirst()
                .map(e -> " (" + String.join("; ", e.reasons()) + ")").orElse(" (not a listed engine)");
    }

    private static BigInteger maxPrice(PlacementPolicy policy) {
        String max = policy.constraints().maxPrice();
        return max == null || max.isBlank() ? ANY_PRICE : new BigInteger(max.strip());
    }

    private static String cut(String reason) {
        return reason.length() > Decision.REASON_MAX ? reason.substring(0, Decision.REASON_MAX - 3) + "..." : reason;
    }
}
