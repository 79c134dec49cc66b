package org.picomesh.agent.frontdoor;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes the route table's changes visible to the front door: the in-memory cache changes at once, so a request that
 * arrives before the commit already queues behind the pico's lock; a rollback restores the cache, a commit wakes the
 * deliverer for the events the new routes release.
 */
@Component
class RoutePublisher {
    private final RouteCache cache;
    private final ObjectProvider<Deliverer> deliverer;

    RoutePublisher(RouteCache cache, ObjectProvider<Deliverer> deliverer) {
        this.cache = cache;
        this.deliverer = deliverer;
    }

    /** {@code changes}: each ECI's new route, or null for a route deleted. */
    void publish(Map<String, Route> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Route> before = cache.current(changes.keySet());
        cache.put(changes);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            deliverer.getObject().kick();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    deliverer.getObject().kick();
                } else {
                    cache.put(before);
                }
            }
        });
    }
}
