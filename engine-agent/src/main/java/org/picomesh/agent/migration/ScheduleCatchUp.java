package org.picomesh.agent.migration;

import java.time.Duration;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.springframework.stereotype.Component;

/**
 * Lets a leaving pico run (the target going live, the source rolling back) with what fell due while it was leaving
 * scheduled again exactly once, re-derivable from the journal after a crash at any point: the plan (those events
 * moved {@link #MARGIN} ahead) is recorded first, then scheduled while the pico is still held (found again by digest,
 * so never twice), and only then is the pico let run; the plan's events fire after that. Remaining window: a crash
 * inside the engine calls that schedule them (the pico's mark lifted for that moment) followed by a restart after
 * the margin loses them; an engine call that takes longer than the margin fires them while the pico is leaving.
 */
@Component
class ScheduleCatchUp {
    /** How far ahead an event that fell due while leaving is scheduled again: the pico runs by then. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    private final PicoEngine engine;
    private final MoveJournal journal;
    private final MoveTestHalt halt;

    ScheduleCatchUp(PicoEngine engine, MoveJournal journal, MoveTestHalt halt) {
        this.engine = engine;
        this.journal = journal;
        this.halt = halt;
    }

    /** Restores the move's scheduled events that are due or gone, then unmarks the pico leaving. */
    void letRun(Move move, Pico pico) {
        String schedules = move.schedules();
        if (schedules != null) {
            if (pico.status().leaving()) {
                String plan = engine.planCatchUp(pico, schedules, MARGIN);
                if (!plan.equals(schedules)) {
                    journal.schedulesPlanned(move.id(), move.state(), plan);
                }
                schedules = plan;
            }
            engine.restorePlanned(pico, schedules);
            halt.at(move.side(), "SCHEDULES_RESTORED", move.id());
        }
        engine.unmarkLeaving(pico);
    }
}
