package org.picomesh.agent.choice;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.picoengine.Pico;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records in the pico how its last move ended ({@link MoveOutcomes}), once the pico is live again: the move
 * protocol's outcome as it happens ({@link MoveOutcomeListener}), else at the pico's next evaluation. A rolled-back
 * move is taken out of this host's budget for the pico: the budget counts the moves the pico made.
 */
@Component
class MoveSettlement {
    private static final Logger log = LoggerFactory.getLogger(MoveSettlement.class);

    private final PicoPlacementState state;
    private final GateRows gates;
    private final MeterRegistry meters;
    private final long engineId;
    private final Clock clock = Clock.systemUTC();

    MoveSettlement(PicoPlacementState state, GateRows gates, MeterRegistry meters, AgentProperties properties) {
        this.state = state;
        this.gates = gates;
        this.meters = meters;
        this.engineId = properties.engineId();
    }

    /**
     * For a pico live here with its lease here and no move pending on the chain.
     *
     * @param why the move protocol's reason for a rollback, or null
     * @return the decision recorded, if the pico had a move to settle here
     */
    Optional<Decision> settle(Pico pico, String address, String why) {
        List<Decision> decisions = state.decisions(pico);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Decision> pending = MoveOutcomes.pending(decisions);
        Optional<Decision> outcome = MoveOutcomes.settle(decisions, engineId, now, why);
        outcome.ifPresent(decision -> {
            if (Decision.ROLLED_BACK.equals(decision.kind())) {
                gates.findById(address).ifPresent(row -> {
                    row.forget(pending.get().at(), now);
                    gates.save(row);
                });
            }
            state.record(pico, decision);
            meters.counter("picomesh.placement.decisions", "kind", decision.kind()).increment();
            log.info("pico {}: {}", address, decision.reason());
        });
        return outcome;
    }
}
