package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
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
    /** As JavaScript's {@code toISOString}: 0.48.1 refuses an {@code at} written otherwise. */
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
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

    /**
     * The plan that lets a pico run again without losing what fell due while it was leaving: {@code carried} with each
     * {@code at} one due by {@code now} and gone from {@code present} moved to {@code at} (still ahead, so it can be
     * scheduled again before the pico runs, and found by digest if that is cut short), the others as they are.
     */
    static List<JsonNode> catchUp(List<JsonNode> carried, JsonNode present, Instant now, Instant at) {
        Set<JsonNode> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        gone.addAll(dueAndGone(carried, present, now));
        String when = ISO_MILLIS.format(at.truncatedTo(ChronoUnit.MILLIS));
        List<JsonNode> plan = new ArrayList<>();
        for (JsonNode schedule : carried) {
            plan.add(gone.contains(schedule) ? ((ObjectNode) schedule.deepCopy()).put("at", when) : schedule);
        }
        return plan;
    }

    /** Those of {@code wanted} not due by {@code now} that {@code present} lacks (compared without their ids). */
    static List<JsonNode> missingNotDue(List<JsonNode> wanted, JsonNode present, Instant now) {
        Map<String, Integer> held = new HashMap<>();
        present.forEach(s -> held.merge(Importer.digest(s), 1, Integer::sum));
        List<JsonNode> missing = new ArrayList<>();
        for (JsonNode schedule : notDue(wanted, now)) {
            String digest = Importer.digest(schedule);
            if (held.getOrDefault(digest, 0) > 0) {
                held.merge(digest, -1, Integer::sum);
            } else {
                missing.add(schedule);
            }
        }
        return missing;
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
