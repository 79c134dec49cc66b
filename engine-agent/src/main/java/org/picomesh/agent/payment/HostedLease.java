package org.picomesh.agent.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Locale;
import org.picomesh.contracts.follow.EndReason;

/**
 * A lease on this agent's engine: claimable from while active, and once more after it ended, then settled. Once
 * ended (and why: closed, moved, exhausted, stopped) the agent no longer hosts its pico: it stops counting against the
 * engine's capacity ({@link HostedLeases}).
 */
@Entity
@Table(name = "hosted_lease")
class HostedLease {
    @Id
    private long id;
    private String pico;
    @Column(name = "opened_block")
    private long openedBlock;
    @Column(name = "ended_block")
    private Long endedBlock;
    @Column(name = "end_reason")
    private String endReason;
    private boolean settled;
    @Column(name = "settled_block")
    private Long settledBlock;
    @Version
    private long version;

    protected HostedLease() {}

    HostedLease(long id, String pico, long openedBlock) {
        this.id = id;
        this.pico = pico;
        this.openedBlock = openedBlock;
    }

    long id() {
        return id;
    }

    boolean ended() {
        return endedBlock != null;
    }

    String pico() {
        return pico;
    }

    void ended(long block, EndReason reason) {
        endedBlock = block;
        endReason = reason.name().toLowerCase(Locale.ROOT);
    }

    /** Its end was in blocks a reorganisation dropped: it is active again (hosted, counted, claimable again). */
    void resumed() {
        endedBlock = null;
        endReason = null;
        unsettled();
    }

    /** Ended and claimed in full, as the chain said at {@code block}: nothing more will ever be claimable. */
    void settled(long block) {
        settled = true;
        settledBlock = block;
    }

    /** The claim (or the read) that settled it was in blocks a reorganisation dropped: claimable again. */
    void unsettled() {
        settled = false;
        settledBlock = null;
    }
}
