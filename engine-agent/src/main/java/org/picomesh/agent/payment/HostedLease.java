package org.picomesh.agent.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A lease on this agent's engine: claimable from while active, and once more after it ended, then settled. */
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

    void ended(long block) {
        endedBlock = block;
    }

    /** Its end was in blocks a reorganisation dropped: it is active again (and claimable again). */
    void resumed() {
        endedBlock = null;
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
