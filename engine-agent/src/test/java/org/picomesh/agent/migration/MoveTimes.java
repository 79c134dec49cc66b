package org.picomesh.agent.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One side's journal of one move, as its admin API shows it: each step's time, read back for the migration bench
 * (the journal is where a move's timing is recorded, so the bench measures what an operator would read).
 */
record MoveTimes(String side, String state, Map<String, Instant> steps) {

    static MoveTimes of(JsonNode move) {
        Map<String, Instant> steps = new LinkedHashMap<>();
        move.path("steps").forEach(s -> steps.putIfAbsent(s.path("state").asText(), Instant.parse(s.path("at")
                .asText())));
        return new MoveTimes(move.path("side").asText(), move.path("state").asText(), steps);
    }

    Instant at(String step) {
        Instant at = steps.get(step);
        if (at == null) {
            throw new IllegalStateException("the " + side + " journal has no step " + step + ": " + steps.keySet());
        }
        return at;
    }

    /** Each step's time after {@code origin}, in seconds: where a move's time went. */
    String timeline(Instant origin) {
        StringJoiner line = new StringJoiner(" ");
        steps.forEach((step, at) -> line.add(step + " +" + "%.3f".formatted(seconds(origin, at))));
        return line.toString();
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
