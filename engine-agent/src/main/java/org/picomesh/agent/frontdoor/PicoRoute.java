package org.picomesh.agent.frontdoor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.net.URI;
import java.time.Instant;
import org.springframework.data.domain.Persistable;

/**
 * One ECI's row of the durable route table: written in the migration's transaction, read back at start. A row made
 * here is known to be new (its ECI was looked up first), so saving it inserts without reading it again.
 */
@Entity
@Table(name = "pico_route")
class PicoRoute implements Persistable<String> {
    @Id
    private String eci;
    private String pico;
    @Column(name = "lease_id")
    private long leaseId;
    private String state;
    @Column(name = "moved_to")
    private String movedTo;
    @Column(name = "moved_until")
    private Instant movedUntil;
    @Column(name = "changed_at")
    private Instant changedAt;
    @Column(name = "arrived_lease_id")
    private Long arrivedLeaseId;
    @Transient
    private boolean fresh;

    protected PicoRoute() {}

    /** A row for an ECI that has none yet. */
    PicoRoute(String eci) {
        this.eci = eci;
        this.fresh = true;
    }

    @Override
    public String getId() {
        return eci;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void stored() {
        fresh = false;
    }

    String eci() {
        return eci;
    }

    RouteState state() {
        return RouteState.ofColumn(state);
    }

    Instant changedAt() {
        return changedAt;
    }

    /** The pico moved here from {@code lease}: kept while it moves on (a step of another lease keeps it). */
    void arrivedFrom(long lease) {
        arrivedLeaseId = lease;
    }

    /** Whether a replay under {@code lease} belongs here: the route's lease, or the one the pico moved here from. */
    boolean takesReplaysOf(long lease) {
        return route().leaseId() == lease || (arrivedLeaseId != null && arrivedLeaseId == lease);
    }

    Route route() {
        return new Route(pico, leaseId, state(), movedTo == null ? null : URI.create(movedTo), movedUntil);
    }

    void set(Route route, Instant now) {
        pico = route.pico();
        leaseId = route.leaseId();
        state = route.state().column();
        movedTo = route.movedTo() == null ? null : route.movedTo().toString();
        movedUntil = route.movedUntil();
        changedAt = now;
    }
}
