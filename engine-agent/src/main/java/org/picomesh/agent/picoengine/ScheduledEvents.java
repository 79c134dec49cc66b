package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduled events across a move. 0.48.1 removes an {@code at} schedule when it falls due and only then finds the
 * pico leaving and refuses its event: a schedule due while the pico leaves is lost unless it was read before. These
 * are the sorts of them: carried (read before leaving and not yet due), to restore at import (not yet due then), and
 * due and gone (fell due while leaving: to schedule again once the pico is live, when it fires at once).
 */
final class ScheduledEvents {
    private ScheduledEvents() {}

    static List<JsonNode> parse(String json) {
        try {
            JsonNode list = EngineHttp.JSON.readTree(json == null || json.isBlank() ? "[]" : json);
            List<JsonNode> all = new ArrayList<>();
            list.forEach(all::add);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("not a list of scheduled events", e);
        }
    }

    static String json(List<JsonNode> schedules) {
        ArrayNode list = EngineHttp.JSON.createArrayNode();
        schedules.forEach(list::add);
        return list.toString();
    }

    /** Repeating ones, and {@code at} ones due after {@code now}: the engine has not fired them yet. */
    static List<JsonNode> notDue(List<JsonNode> schedules, Instant now) {
        return schedules.stream().filter(s -> !s.has("at") || at(s).isAfter(now)).toList();
    }

    /** The {@code at} ones due by {@code now} that {@code present} (the engine's schedules) no longer holds. */
    static List<JsonNode> dueAndGone(List<JsonNode> carried, JsonNode present, Instant now) {
        Map<String, Integer> held = new HashMap<>();
        present.forEach(s -> held.merge(Importer.digest(s), 1, Integer::sum));
        List<JsonNode> gone = new ArrayList<>();
        for (JsonNode schedule : carried) {
            String digest = Importer.digest(schedule);
            if (held.getOrDefault(digest, 0) > 0) {
                held.merge(digest, -1, Integer::sum);
            } else if (schedule.has("at") && !at(schedule).isAfter(now)) {
                gone.add(schedule);
            }
        }
        return gone;
    }

    /** When an {@code at} schedule falls due; one the engine would not have written counts as due now. */
    private static Instant at(JsonNode schedule) {
        try {
            return Instant.parse(schedule.path("at").asText());
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }
}
