package org.picomesh.agent.migration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A state a move reached, and when (and on which block, when the chain said so): the journal's history. */
@Entity
@Table(name = "move_step")
class MoveStep {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "move_id")
    private Move move;
    @Enumerated(EnumType.STRING)
    private MoveState state;
    private Instant at;
    private String detail;
    @Column(name = "block_number")
    private Long blockNumber;

    protected MoveStep() {}

    MoveStep(Move move, MoveState state, String detail, Long blockNumber) {
        this.move = move;
        this.state = state;
        this.at = Instant.now();
        this.detail = detail;
        this.blockNumber = blockNumber;
    }

    MoveState state() {
        return state;
    }

    Instant at() {
        return at;
    }

    String detail() {
        return detail;
    }

    /** The block of the chain event this step was taken on, or null for a step of the worker's own. */
    Long blockNumber() {
        return blockNumber;
    }
}
