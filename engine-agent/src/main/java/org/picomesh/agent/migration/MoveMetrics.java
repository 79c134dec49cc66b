package org.picomesh.agent.migration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Moves started, completed and rolled back per side ({@code picomesh.agent.moves.*}), and the pause: from the source
 * recording the pico leaving (its traffic held) to the acceptance mined (its traffic going to the target).
 */
@Component
class MoveMetrics {
    private final MeterRegistry meters;

    MoveMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void started(Side side) {
        meters.counter("picomesh.agent.moves.started", "side", side.name().toLowerCase()).increment();
    }

    void ended(Move move, String outcome) {
        meters.counter("picomesh.agent.moves." + outcome, "side", move.side().name().toLowerCase()).increment();
    }

    void paused(Move move) {
        move.steps().stream().filter(s -> s.state() == MoveState.LEAVING).findFirst().ifPresent(leaving ->
                Timer.builder("picomesh.agent.moves.pause").description("from leaving to live on the target")
                        .register(meters).record(Duration.between(leaving.at(), Instant.now())));
    }
}
