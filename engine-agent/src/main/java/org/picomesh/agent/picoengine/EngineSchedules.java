package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A moving tree's scheduled events on 0.48.1, which leaves them out of its export and drops one that falls due while
 * the pico is leaving: read before the pico leaves, the catch-up plan that lets it run again without losing one, and
 * that plan scheduled again (see {@link PicoEngine#planCatchUp}, {@link PicoEngine#restorePlanned}).
 */
final class EngineSchedules {
    private static final Logger log = LoggerFactory.getLogger(EngineSchedules.class);

    private final EngineHttp http;
    private final MoverRuleset mover;
    private final ScheduleRestore restore;

    EngineSchedules(EngineHttp http, MoverRuleset mover, ScheduleRestore restore) {
        this.http = http;
        this.mover = mover;
        this.restore = restore;
    }

    /** The tree's scheduled events that are not due yet, as a JSON array. */
    String read(Pico pico) {
        List<JsonNode> all = new ArrayList<>();
        held(pico).forEach(all::add);
        return ScheduledEvents.json(ScheduledEvents.notDue(all, Instant.now()));
    }

    String planCatchUp(Pico pico, String schedules, Duration margin) {
        List<JsonNode> carried = ScheduledEvents.parse(schedules);
        if (carried.isEmpty()) {
            return ScheduledEvents.json(carried);
        }
        Instant now = Instant.now();
        return ScheduledEvents.json(ScheduledEvents.catchUp(carried, held(pico), now, now.plus(margin)));
    }

    int restorePlanned(Pico pico, String plan) {
        List<JsonNode> wanted = ScheduledEvents.parse(plan);
        if (wanted.isEmpty()) {
            return 0;
        }
        List<JsonNode> missing = ScheduledEvents.missingNotDue(wanted, held(pico), Instant.now());
        if (missing.isEmpty()) {
            return 0;
        }
        JsonNode now = mover.query("picoOf", Map.of("eci", pico.adminEci()));
        boolean leaving = now.isObject() && PicoJson.pico(now).status().leaving();
        if (leaving) {
            status(pico, false); // the engine takes the restoring event only from a pico that runs
        }
        try {
            Map<String, String> holders = mover.holders(missing.stream().map(e -> e.path("event").path("eci")
                    .asText()).distinct().toList());
            restore.restore(missing, holders);
        } finally {
            if (leaving) {
                status(pico, true);
            }
        }
        log.info("pico {} on {}: {} scheduled events scheduled again", pico.id(), http.engine(), missing.size());
        return missing.size();
    }

    /** The tree's scheduled events as the engine holds them now. */
    private JsonNode held(Pico pico) {
        return mover.query("layout", Map.of("pico_id", pico.id())).path("schedules");
    }

    private void status(Pico pico, boolean leaving) {
        mover.event("status_requested", Map.of("pico_id", pico.id(), "leaving", String.valueOf(leaving), "moved_to",
                ""));
    }
}
