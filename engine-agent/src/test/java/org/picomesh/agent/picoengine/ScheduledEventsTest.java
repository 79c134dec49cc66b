package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which scheduled events a move carries, restores at import, and schedules again once the pico is live. */
class ScheduledEventsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void carriesRepeatingOnesAndThoseNotDueYet() {
        List<JsonNode> all = ScheduledEvents.parse("[" + at("1", "11:59:59") + "," + at("2", "12:00:01") + ","
                + cron("3") + "]");

        assertThat(ScheduledEvents.notDue(all, NOW)).extracting(s -> s.path("id").asText()).containsExactly("2", "3");
    }

    @Test
    void schedulesAgainOnlyWhatFellDueAndTheEngineNoLongerHolds() throws Exception {
        List<JsonNode> carried = ScheduledEvents.parse("[" + at("1", "11:59:00") + "," + at("2", "11:59:30") + ","
                + at("3", "12:30:00") + "," + cron("4") + "]");
        // the engine still holds 2 (under a new id after an import: compared without ids) and 3; 1 fell due and went
        JsonNode present = EngineHttp.JSON.readTree("[" + at("x", "11:59:30") + "," + at("y", "12:30:00") + "]");

        assertThat(ScheduledEvents.dueAndGone(carried, present, NOW)).extracting(s -> s.path("id").asText())
                .containsExactly("1");
    }

    @Test
    void aRepeatingOneIsNeverDueAgain() throws Exception {
        List<JsonNode> carried = ScheduledEvents.parse("[" + cron("4") + "]");

        assertThat(ScheduledEvents.dueAndGone(carried, EngineHttp.JSON.readTree("[]"), NOW)).isEmpty();
    }

    @Test
    void aCatchUpPlanMovesWhatFellDueAheadAndTakenAgainAfterItsRestoreChangesNothing() throws Exception {
        List<JsonNode> carried = ScheduledEvents.parse("[" + at("1", "11:59:00") + "," + at("3", "12:30:00") + ","
                + cron("4") + "]");
        JsonNode held = EngineHttp.JSON.readTree("[" + at("y", "12:30:00") + "," + cron("z") + "]");
        Instant ahead = NOW.plusSeconds(5);

        List<JsonNode> plan = ScheduledEvents.catchUp(carried, held, NOW, ahead);
        assertThat(plan.get(0).path("at").asText()).as("as 0.48.1 wants it").isEqualTo("2026-12-01T12:00:05.000Z");
        List<JsonNode> missing = ScheduledEvents.missingNotDue(plan, held, NOW);
        assertThat(missing).extracting(s -> s.path("id").asText()).as("only the one that fell due").containsExactly(
                "1");

        // restored (under a new id) and the agent dies before the pico runs: the plan, taken again, restores nothing
        JsonNode restored = EngineHttp.JSON.readTree("[" + at("y", "12:30:00") + "," + cron("z") + ","
                + at("w", "12:00:05") + "]");
        List<JsonNode> again = ScheduledEvents.catchUp(plan, restored, NOW.plusSeconds(1), NOW.plusSeconds(6));
        assertThat(ScheduledEvents.json(again)).isEqualTo(ScheduledEvents.json(plan));
        assertThat(ScheduledEvents.missingNotDue(again, restored, NOW.plusSeconds(1))).isEmpty();
        // still leaving when it fell due again: the engine dropped it, so it is moved ahead once more
        List<JsonNode> late = ScheduledEvents.catchUp(plan, held, NOW.plusSeconds(9), NOW.plusSeconds(14));
        assertThat(ScheduledEvents.missingNotDue(late, held, NOW.plusSeconds(9))).extracting(s -> s.path("at")
                .asText()).containsExactly("2026-12-01T12:00:14.000Z");
    }

    private static String at(String id, String time) {
        return "{\"id\":\"" + id + "\",\"at\":\"2026-12-01T" + time + ".000Z\",\"event\":{\"eci\":\"E1\","
                + "\"domain\":\"counter\",\"type\":\"tick\",\"attrs\":{}}}";
    }

    private static String cron(String id) {
        return "{\"id\":\"" + id + "\",\"timespec\":\"* * * * *\",\"event\":{\"eci\":\"E1\",\"domain\":\"counter\","
                + "\"type\":\"tick\",\"attrs\":{}}}";
    }
}
