package org.picomesh.agent.migration;

import java.time.Instant;
import java.util.List;

/**
 * A move as the admin API and the command line show it: one side's journal, its steps with their times.
 *
 * @param reason why it rolled back or was rejected (or the last failed attempt's error)
 */
record MoveView(long id, Side side, MoveState state, long leaseId, String pico, Long fromEngineId, long toEngineId,
        String cid, String reason, Instant deadline, Instant startedAt, Instant endedAt, List<Step> steps) {

    record Step(MoveState state, Instant at, String detail) {}

    static MoveView of(Move m) {
        return new MoveView(m.id(), m.side(), m.state(), m.leaseId(), m.pico(), m.fromEngineId(), m.toEngineId(),
                m.cid(), m.reason(), m.deadline(), m.startedAt(), m.endedAt(),
                m.steps().stream().map(s -> new Step(s.state(), s.at(), s.detail())).toList());
    }
}
