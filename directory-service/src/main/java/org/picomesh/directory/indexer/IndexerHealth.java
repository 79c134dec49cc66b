package org.picomesh.directory.indexer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The chain node and the indexer's lag, as actuator health: DEGRADED (still serving reads) while the node is
 * away or the index lags, UP otherwise.
 */
@Component("indexerHealthIndicator")
class IndexerHealth implements HealthIndicator {
    static final Status DEGRADED = new Status("DEGRADED");
    private static final long MAX_HEALTHY_LAG = 20;

    private final IndexerStatus status;

    IndexerHealth(IndexerStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        Health.Builder health = status.nodeReachable() && status.lag() <= MAX_HEALTHY_LAG ? Health.up()
                : Health.status(DEGRADED);
        health.withDetail("role", status.role().name().toLowerCase())
                .withDetail("chainNode", status.nodeReachable() ? "reachable" : "away")
                .withDetail("chainHead", status.head())
                .withDetail("indexedBlock", status.indexed())
                .withDetail("lagBlocks", status.lag())
                .withDetail("lastProgress", status.lastProgress().toString());
        if (status.lastError() != null) {
            health.withDetail("lastError", status.lastError());
        }
        return health.build();
    }
}
