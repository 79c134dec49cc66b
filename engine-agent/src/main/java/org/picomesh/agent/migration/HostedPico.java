package org.picomesh.agent.migration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A pico this agent hosts: its market address, its admin ECI on this engine and its lease here (once known). */
@Entity
@Table(name = "hosted_pico")
class HostedPico {
    @Id
    private String pico;
    @Column(name = "admin_eci")
    private String adminEci;
    @Column(name = "lease_id")
    private Long leaseId;
    @Column(name = "enrolled_at")
    private Instant enrolledAt;
    @Version
    private long version;

    protected HostedPico() {}

    HostedPico(String pico, String adminEci, Long leaseId) {
        this.pico = pico;
        this.adminEci = adminEci;
        this.leaseId = leaseId;
        this.enrolledAt = Instant.now();
    }

    String pico() {
        return pico;
    }

    String adminEci() {
        return adminEci;
    }

    Long leaseId() {
        return leaseId;
    }

    void relink(String eci, Long lease) {
        adminEci = eci;
        leaseId = lease;
    }

    void leased(long lease) {
        leaseId = lease;
    }
}
