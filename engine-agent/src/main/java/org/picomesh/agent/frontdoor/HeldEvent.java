package org.picomesh.agent.frontdoor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** An event the front door held for a moving pico, in arrival order (its id), until delivered. */
@Entity
@Table(name = "held_event")
class HeldEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String pico;
    private String eci;
    @Column(name = "lease_id")
    private long leaseId;
    private String method;
    private String path;
    private String query;
    @Column(name = "content_type")
    private String contentType;
    private byte[] body;
    @Column(name = "delivery_key")
    private String deliveryKey;
    @Column(name = "received_at")
    private Instant receivedAt;
    @Column(name = "delivered_at")
    private Instant deliveredAt;
    @Column(name = "delivered_status")
    private Integer deliveredStatus;
    private int attempts;
    @Column(name = "last_error")
    private String lastError;

    protected HeldEvent() {}

    HeldEvent(Route route, String eci, SkyRequest request, String deliveryKey, Instant now) {
        this.pico = route.pico();
        this.eci = eci;
        this.leaseId = route.leaseId();
        this.method = request.method();
        this.path = request.path();
        this.query = request.query();
        this.contentType = request.contentType();
        this.body = request.body();
        this.deliveryKey = deliveryKey;
        this.receivedAt = now;
    }

    long id() {
        return id;
    }

    String pico() {
        return pico;
    }

    String eci() {
        return eci;
    }

    long leaseId() {
        return leaseId;
    }

    SkyRequest request() {
        return new SkyRequest(method, path, query, contentType, body);
    }

    /** Whether a replay under the same key carries the same event (a key reused for another event is refused). */
    boolean sameAs(SkyRequest other) {
        return method.equals(other.method()) && path.equals(other.path()) && Objects.equals(query, other.query())
                && Arrays.equals(body, other.body());
    }

    void delivered(int status, Instant now) {
        deliveredStatus = status;
        deliveredAt = now;
        lastError = null;
    }

    void failed(String error) {
        attempts++;
        lastError = error.length() > 500 ? error.substring(0, 500) : error;
    }

    int attempts() {
        return attempts;
    }
}
