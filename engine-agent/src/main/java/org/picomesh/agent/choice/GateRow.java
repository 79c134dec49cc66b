package org.picomesh.agent.choice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.picomesh.contracts.placement.MoveGate;

/** The hysteresis state of one pico's placement, kept across restarts of the agent. */
@Entity
@Table(name = "placement_gate")
class GateRow {
    /** Past moves kept: more than any window counts in practice, and the column's length holds them. */
    private static final int MOVES_KEPT = 100;

    @Id
    private String pico;
    private Long challenger;
    @Column(name = "leading_since")
    private Instant leadingSince;
    private String moves;
    @Column(name = "last_reason")
    private String lastReason;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected GateRow() {}

    GateRow(String pico) {
        this.pico = pico;
        this.moves = "";
        this.updatedAt = Instant.now();
    }

    MoveGate.State state() {
        List<Instant> past = moves == null || moves.isEmpty() ? List.of()
                : Arrays.stream(moves.split(",")).map(Instant::parse).toList();
        return new MoveGate.State(challenger, leadingSince, past);
    }

    String lastReason() {
        return lastReason;
    }

    /** A move counted when it was asked for, taken back: it was rolled back, and the budget counts moves made. */
    void forget(Instant move, Instant now) {
        MoveGate.State kept = state();
        remember(new MoveGate.State(kept.challenger(), kept.leadingSince(), kept.moves().stream()
                .filter(t -> !t.equals(move)).toList()), lastReason, now);
    }

    void remember(MoveGate.State next, String reason, Instant now) {
        challenger = next.challenger();
        leadingSince = next.leadingSince();
        List<Instant> past = next.moves();
        moves = past.stream().skip(Math.max(0, past.size() - MOVES_KEPT)).map(Instant::toString)
                .collect(Collectors.joining(","));
        lastReason = reason;
        updatedAt = now;
    }
}
