package org.picomesh.agent.choice;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.picomesh.agent.market.AgentLink;
import org.picomesh.agent.migration.Enrollment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Evaluates every hosted pico's placement on a schedule, and a pico's own "move me" as soon as it asks. All
 * evaluations run one at a time (one lock), so a scheduled round and a request never decide for one pico at once;
 * one pico's failure is logged and the round goes on with the next.
 */
@Component
@EnableConfigurationProperties(AutoPlacementProperties.class)
class PlacementSchedule {
    private static final Logger log = LoggerFactory.getLogger(PlacementSchedule.class);

    private final PlacementRound round;
    private final Enrollment hosted;
    private final AgentLink link;
    private final AutoPlacementProperties properties;
    private final Object lock = new Object();
    private final ExecutorService requests = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "placement-request");
        thread.setDaemon(true);
        return thread;
    });

    PlacementSchedule(PlacementRound round, Enrollment hosted, AgentLink link, AutoPlacementProperties properties) {
        this.round = round;
        this.hosted = hosted;
        this.link = link;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${picomesh.agent.placement.interval:30s}",
            initialDelayString = "${picomesh.agent.placement.interval:30s}")
    void everyHostedPico() {
        link.ensure();
        if (!properties.auto()) {
            return;
        }
        for (String pico : hosted.hostedPicos()) {
            evaluate(pico, null);
        }
    }

    /** The pico asked to move: evaluated on another thread, after its event (which waits for this answer) is over. */
    void requested(String pico, Long to) {
        requests.execute(() -> evaluate(pico, new PlacementRound.Request(to)));
    }

    /** The move protocol ended a move of the pico: settled in the pico, after whatever evaluation is running. */
    void settle(String pico, String why) {
        requests.execute(() -> {
            synchronized (lock) {
                try {
                    round.settle(pico, why);
                } catch (RuntimeException e) {
                    log.warn("the outcome of pico {}'s move not recorded yet: {}", pico, e.toString());
                }
            }
        });
    }

    private Optional<Decision> evaluate(String pico, PlacementRound.Request request) {
        synchronized (lock) {
            try {
                return round.evaluate(pico, request);
            } catch (Exception e) {
                log.warn("placement of pico {} not evaluated: {}", pico, e.toString());
                return Optional.empty();
            }
        }
    }
}
