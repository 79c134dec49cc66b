package org.picomesh.directory.probes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One measurement of one engine by this directory. */
@Entity
@Table(name = "probe_sample")
class ProbeSample {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "engine_id", nullable = false)
    private long engineId;

    @Column(name = "probed_at", nullable = false)
    private Instant probedAt;

    @Column(nullable = false)
    private boolean ok;

    @Column(name = "latency_ms")
    private Double latencyMs;

    private String error;

    protected ProbeSample() {}

    ProbeSample(long engineId, Instant probedAt, boolean ok, Double latencyMs, String error) {
        this.engineId = engineId;
        this.probedAt = probedAt;
        this.ok = ok;
        this.latencyMs = latencyMs;
        this.error = error;
    }

    long engineId() {
        return engineId;
    }

    boolean ok() {
        return ok;
    }

    Instant probedAt() {
        return probedAt;
    }
}
