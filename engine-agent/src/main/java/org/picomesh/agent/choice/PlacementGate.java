package org.picomesh.agent.choice;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.placement.HostSelection;
import org.picomesh.contracts.placement.MoveGate;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.Ranking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether a pico leased here with a valid policy stays or moves: the ranking ({@link HostSelection}: the directory's
 * when one is configured and answers, else the chain's and the agent's probes; the engine chosen checked against the
 * chain either way), then the hysteresis gate (its state persisted), then the decision, naming whose ranking it came
 * from and why; a move the gate lets through is asked by {@link MoveAsk}.
 */
@Component
class PlacementGate {
    private static final Logger log = LoggerFactory.getLogger(PlacementGate.class);

    private final PicoPlacementState state;
    private final HostSelection selection;
    private final GateRows gates;
    private final MeterRegistry meters;
    private final DecisionRecorder decisions;
    private final MoveAsk asking;
    private final long engineId;

    PlacementGate(PicoPlacementState state, HostSelection selection, GateRows gates, MeterRegistry meters,
            DecisionRecorder decisions, MoveAsk asking, AgentProperties properties) {
        this.state = state;
        this.selection = selection;
        this.gates = gates;
        this.meters = meters;
        this.decisions = decisions;
        this.asking = asking;
        this.engineId = properties.engineId();
    }

    /** What the ranking offers: the engine to move to, if any, and why the ones ranked above it were not. */
    private record Offer(Long best, String why) {}

    Decision decide(Pico pico, String address, PlacementPolicy policy, String document,
            PlacementRound.Request request) {
        Instant now = decisions.now(); // as the database keeps it: reasons repeat
        HostSelection.Choice choice = selection.choose(policy.withCurrentEngine(engineId), document, true);
        String source = choice.where().source();
        Ranking.Result ranking = choice.where().ranking();
        Optional<Ranking.Excluded> hostExcluded = ranking.excluded().stream().filter(e -> e.id() == engineId)
                .findFirst();
        Offer offer = offer(choice, request);
        GateRow row = gates.findById(address).orElseGet(() -> new GateRow(address));
        MoveGate.State before = withTravelledMoves(row.state(), pico);
        MoveGate.Decision gate = gate(pico, policy, before, now, offer.best(),
                hostExcluded.isPresent() || request != null);
        String reason = reason(hostExcluded, offer, gate, choice, request);
        String previous = row.lastReason();
        row.remember(gate.next(), Decision.cut(reason), now);
        if (gate.moves()) {
            return asking.ask(new MoveAsk.Move(pico, address, gate.target(), reason, source, now), row, before,
                    policy);
        }
        boolean changed = !Decision.cut(reason).equals(previous);
        stay(address, offer.best(), changed, reason);
        gates.save(row);
        return decisions.stayed(pico, reason, source, changed || request != null);
    }

    /** The first candidate the chain agrees with, or the engine the pico asked for when it passes its policy. */
    private static Offer offer(HostSelection.Choice choice, PlacementRound.Request request) {
        Ranking.Result ranking = choice.where().ranking();
        // the first candidate the chain agrees with: a directory's ranking is a stranger's word
        Long best = choice.chosen() == null ? null : choice.chosen().id();
        String why = setAside(choice);
        if (request != null && request.to() != null) {
            boolean passes = ranking.candidates().stream().anyMatch(r -> r.id() == request.to());
            best = passes ? request.to() : null;
            why += passes ? "" : "engine " + request.to() + " does not pass the pico's policy"
                    + reasonsOf(ranking, request.to()) + "; ";
        }
        return new Offer(best, why);
    }

    private MoveGate.Decision gate(Pico pico, PlacementPolicy policy, MoveGate.State before, Instant now, Long best,
            boolean urgent) {
        // A host that breaks the policy, or the pico's own request, does not wait for the sustained time; the
        // cool-down and the window's budget still bound the moves.
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
        return gate;
    }

    /** Why: the host's own failings, the candidates set aside, the gate's word, and when none passes, why not. */
    private static String reason(Optional<Ranking.Excluded> hostExcluded, Offer offer, MoveGate.Decision gate,
            HostSelection.Choice choice, PlacementRound.Request request) {
        boolean noneOffered = offer.best() == null && choice.setAside().isEmpty()
                && (request == null || request.to() == null);
        return hostExcluded.map(e -> "this host no longer passes the policy (" + String.join("; ", e.reasons())
                + "); ").orElse("") + offer.why() + gate.reason() + (noneOffered ? unsatisfied(choice.where().ranking())
                        : "");
    }

    private void stay(String address, Long best, boolean changed, String reason) {
        if (best == null) {
            meters.counter("picomesh.placement.unsatisfied").increment();
        }
        if (changed) {
            log.info("pico {} stays on engine {}: {}", address, engineId, reason);
        }
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
}
