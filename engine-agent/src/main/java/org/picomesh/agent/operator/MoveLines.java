package org.picomesh.agent.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/** How the {@code pico} commands print an agent's move journal. */
final class MoveLines {
    static final String MOVES = "%-5s %-6s %-42s %-6s %-9s %-14s %-10s %s%n";

    private MoveLines() {}

    /** {@code +1.234s  SEALED  bafy...}: a step and how long after the move started. */
    static String step(JsonNode move, JsonNode step) {
        Duration since = Duration.between(Instant.parse(move.path("startedAt").asText()),
                Instant.parse(step.path("at").asText()));
        String detail = step.path("detail").isNull() ? "" : "  " + step.path("detail").asText();
        return String.format("+%d.%03ds  %s %s%s", since.toSeconds(), since.toMillisPart(),
                move.path("side").asText().toLowerCase(), step.path("state").asText(), detail);
    }

    /** One move in the history: who, where, how long, how it ended. */
    static Object[] row(JsonNode m) {
        String outcome = switch (m.path("state").asText()) {
            case "DONE", "LIVE" -> "moved";
            case "ROLLED_BACK", "REJECTED" -> "stayed";
            case "DIVERGED" -> "DIVERGED (see the reason; move the lease to the target again)";
            default -> "in progress";
        };
        String took = m.path("endedAt").isNull() ? "-" : seconds(Duration.between(
                Instant.parse(m.path("startedAt").asText()), Instant.parse(m.path("endedAt").asText())));
        String reason = m.path("reason").isNull() || outcome.equals("moved") ? "" : m.path("reason").asText();
        return new Object[] {m.path("id").asText(), m.path("side").asText().toLowerCase(), m.path("pico").asText(),
            m.path("leaseId").asText(), m.path("fromEngineId").asText("?") + "->" + m.path("toEngineId").asText(),
            m.path("state").asText(), took, outcome + (reason.isEmpty() ? "" : ": " + reason)};
    }

    static String seconds(Duration d) {
        return String.format("%d.%03ds", d.toSeconds(), d.toMillisPart());
    }
}
