package org.picomesh.agent.migration;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * One step of the journal, inside the caller's transaction ({@link SourceJournal}, {@link TargetJournal}): checks the
 * move is still where the worker found it (the row's version guards against the follower changing it meanwhile),
 * records the new state with its time and publishes the step's event in the same transaction, so that the front
 * door's state never lags the journal's.
 */
@Component
class JournalStep {
    private final MoveRepository moves;
    private final ApplicationEventPublisher events;

    JournalStep(MoveRepository moves, ApplicationEventPublisher events) {
        this.moves = moves;
        this.events = events;
    }

    void step(long id, Set<MoveState> from, MoveState next, String detail, Consumer<Move> change,
            Function<Move, Object> event) {
        Move move = moves.findById(id).orElseThrow(() -> new MoveJournal.MoveConflict("move " + id + " is gone"));
        if (!from.contains(move.state())) {
            throw new MoveJournal.MoveConflict("move " + id + " is " + move.state() + ", not " + from
                    + ": left to its new state");
        }
        move.to(next, detail); // first: a change may put the next attempt off (a grace period)
        change.accept(move);
        moves.save(move);
        Object published = event.apply(move);
        if (published != null) {
            events.publishEvent(published);
        }
    }
}
