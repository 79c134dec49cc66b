package org.picomesh.agent.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One placement decision of a pico, as the pico keeps it (its last 50 travel with it).
 *
 * @param kind {@code stayed}; {@code moving} (the pico asked the escrow to move its lease); {@code moved} (it arrived,
 *     recorded by its new host with the instant of its {@code moving}, so both hosts count one move); {@code
 *     move-rolled-back} (the move ended without it, the pico lives where it was); {@code move-requested} (the pico
 *     asked, from its ruleset); {@code lease-opened} (its first lease, from its own account)
 * @param from the engine it was on; {@code to} the engine it chose, or null
 * @param source whose ranking it was made from: {@code directory} (its {@code POST /api/select}, the engine chosen
 *     checked against the chain) or {@code chain} (the chain and the agent's own probes); empty when none was made
 */
public record Decision(Instant at, String kind, Long from, Long to, String reason, String source) {
    public static final String STAYED = "stayed";
    public static final String MOVING = "moving";
    public static final String MOVED = "moved";
    public static final String ROLLED_BACK = "move-rolled-back";
    public static final String REQUESTED = "move-requested";
    public static final String LEASE_OPENED = "lease-opened";
    static final int REASON_MAX = 300;

    public static final String BY_DIRECTORY = "directory";
    public static final String BY_CHAIN = "chain";

    public Decision {
        source = source == null ? "" : text(source, 20);
        reason = reason == null ? "" : cut(reason);
    }

    /** A reason as a decision keeps it: at most {@link #REASON_MAX} characters. */
    static String cut(String reason) {
        return reason.length() > REASON_MAX ? reason.substring(0, REASON_MAX - 3) + "..." : reason;
    }

    /** The attributes of the {@code picomesh decision_made} event that records it in the pico. */
    Map<String, String> attrs() {
        return Map.of("at", at.toString(), "kind", kind, "from", from == null ? "" : from.toString(), "to",
                to == null ? "" : to.toString(), "reason", reason, "source", source);
    }

    /** A decision as the pico keeps it; the pico's state is hostile like any other input: odd fields become null. */
    static Decision read(JsonNode entry) {
        Instant at;
        try {
            at = Instant.parse(entry.path("at").asText(""));
        } catch (DateTimeParseException e) {
            at = null;
        }
        return new Decision(at, text(entry.path("kind").asText(""), 20), engine(entry.path("from")),
                engine(entry.path("to")), entry.path("reason").asText(""), entry.path("source").asText(""));
    }

    private static Long engine(JsonNode value) {
        String text = value.asText("");
        return text.matches("[0-9]{1,18}") ? Long.valueOf(text) : null;
    }

    private static String text(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
