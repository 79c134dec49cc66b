package org.picomesh.agent.choice;

import org.picomesh.agent.migration.PicoArrived;
import org.picomesh.agent.migration.PicoStayed;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The move protocol's outcomes, as they are committed to its journal: the pico arrived here, or its move from here
 * was rolled back. Each is settled in the pico after the journal's transaction, one placement evaluation at a time.
 */
@Component
class MoveOutcomeListener {
    private final PlacementSchedule schedule;

    MoveOutcomeListener(PlacementSchedule schedule) {
        this.schedule = schedule;
    }

    @TransactionalEventListener
    void on(PicoArrived arrived) {
        schedule.settle(arrived.pico(), null);
    }

    @TransactionalEventListener
    void on(PicoStayed stayed) {
        schedule.settle(stayed.pico(), stayed.reason());
    }
}
