package org.picomesh.agent.choice;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.picoengine.Pico;
import org.springframework.stereotype.Component;

/** The placement's decisions on this host: each counted by kind, and recorded in the pico when it is to be. */
@Component
class DecisionRecorder {
    private final PicoPlacementState state;
    private final MeterRegistry meters;
    private final long engineId;
    private final Clock clock = Clock.systemUTC();

    DecisionRecorder(PicoPlacementState state, MeterRegistry meters, AgentProperties properties) {
        this.state = state;
        this.meters = meters;
        this.engineId = properties.engineId();
    }

    /** The pico stays here, as of now. */
    Decision stayed(Pico pico, String reason, String source, boolean recorded) {
        return decide(pico, Decision.STAYED, null, reason, source, recorded, now());
    }

    /** {@code at}: for a move, the very instant the gate counted, so the pico's record and the row's are one move. */
    Decision decide(Pico pico, String kind, Long to, String reason, String source, boolean recorded, Instant at) {
        Decision decision = new Decision(at, kind, engineId, to, reason, source);
        meters.counter("picomesh.placement.decisions", "kind", decision.kind()).increment();
        if (recorded) {
            state.record(pico, decision);
        }
        return decision;
    }

    /** Now, as the database keeps it. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
