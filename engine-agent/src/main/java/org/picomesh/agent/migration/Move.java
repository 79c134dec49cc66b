package org.picomesh.agent.migration;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One move on one side: the journal row. Every change of state appends a {@link MoveStep} with its time; the row is
 * versioned because the follower (chain events) and the worker (the steps' effects) both change it.
 */
@Entity
@Table(name = "move")
class Move {
    /** Longest reason kept, as the escrow keeps it (128 bytes): longer ones are cut. */
    static final int MAX_REASON = 120;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    private Side side;
    @Column(name = "lease_id")
    private long leaseId;
    private String pico;
    @Column(name = "admin_eci")
    private String adminEci;
    @Column(name = "from_engine_id")
    private Long fromEngineId;
    @Column(name = "to_engine_id")
    private long toEngineId;
    private Instant deadline;
    @Enumerated(EnumType.STRING)
    private MoveState state;
    private String cid;
    private String ecis;
    /** The scheduled events this move carries (JSON): see V7__move_carried_schedules.sql. */
    private String schedules;
    @Column(name = "offer_signer")
    private String offerSigner;
    @Column(name = "to_lease_id")
    private Long toLeaseId;
    private String reason;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "requested_block")
    private long requestedBlock;
    @Column(name = "accepted_block")
    private Long acceptedBlock;
    @Column(name = "ended_block")
    private Long endedBlock;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Version
    private long version;
    @OneToMany(mappedBy = "move", cascade = CascadeType.ALL)
    @OrderBy("id")
    private List<MoveStep> steps = new ArrayList<>();

    protected Move() {}

    Move(Side side, long leaseId, String pico, long toEngineId, Instant deadline, long requestedBlock,
            MoveState first) {
        this.side = side;
        this.leaseId = leaseId;
        this.pico = pico;
        this.toEngineId = toEngineId;
        this.deadline = deadline;
        this.requestedBlock = requestedBlock;
        this.startedAt = Instant.now();
        this.nextAttemptAt = startedAt;
        to(first, null, requestedBlock > 0 ? requestedBlock : null);
    }

    /** Moves to {@code next}, recorded with its time; the next attempt is due at once. */
    void to(MoveState next, String detail) {
        to(next, detail, null);
    }

    /**
     * Moves to {@code next} on the chain's word: {@code block} is the block of the event (kept with the step, so that
     * a reorganisation that drops it shows in the history). A move undone by a reorganisation opens again.
     */
    void to(MoveState next, String detail, Long block) {
        state = next;
        attempts = 0;
        nextAttemptAt = Instant.now();
        endedAt = next.terminal() ? nextAttemptAt : null;
        steps.add(new MoveStep(this, next, detail, block));
    }

    /** Records what happened without changing the state or when the next action is due. */
    void noted(String detail, Long block) {
        steps.add(new MoveStep(this, state, detail, block));
    }

    /** An attempt at the next action failed: try again after {@code wait}. */
    void failedAttempt(Duration wait) {
        attempts++;
        nextAttemptAt = Instant.now().plus(wait);
    }

    /** Nothing to do before {@code at} (a grace period, a wait for the chain). */
    void dueAt(Instant at) {
        nextAttemptAt = at;
    }

    void because(String why) {
        reason = why == null ? null : why.length() > MAX_REASON ? why.substring(0, MAX_REASON) : why;
    }

    Long id() { return id; }
    Side side() { return side; }
    long leaseId() { return leaseId; }
    String pico() { return pico; }
    String adminEci() { return adminEci; }
    void adminEci(String eci) { adminEci = eci; }
    Long fromEngineId() { return fromEngineId; }
    void fromEngineId(long engine) { fromEngineId = engine; }
    long toEngineId() { return toEngineId; }
    Instant deadline() { return deadline; }
    MoveState state() { return state; }
    String schedules() { return schedules; }
    void schedules(String json) { schedules = json; }
    String cid() { return cid; }
    void cid(String value) { cid = value; }
    String offerSigner() { return offerSigner; }
    void offerSigner(String signer) { offerSigner = signer; }
    Long toLeaseId() { return toLeaseId; }
    void toLeaseId(long lease) { toLeaseId = lease; }
    String reason() { return reason; }
    int attempts() { return attempts; }
    Instant nextAttemptAt() { return nextAttemptAt; }
    long requestedBlock() { return requestedBlock; }
    void requestedBlock(long block) { requestedBlock = block; }
    Long acceptedBlock() { return acceptedBlock; }
    void acceptedBlock(Long block) { acceptedBlock = block; }
    Long endedBlock() { return endedBlock; }
    void endedBlock(Long block) { endedBlock = block; }
    Instant startedAt() { return startedAt; }
    Instant endedAt() { return endedAt; }
    List<MoveStep> steps() { return steps; }

    /** Whether this side ever reached {@code reached} (the history says: a state left since counts). */
    boolean reached(MoveState reached) {
        return steps.stream().anyMatch(s -> s.state() == reached);
    }

    List<String> ecis() {
        return ecis == null || ecis.isEmpty() ? List.of() : Arrays.asList(ecis.split(","));
    }

    void ecis(List<String> all) {
        ecis = String.join(",", all);
    }
}
