package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Re-creates a moved pico's scheduled events, which 0.48.1's export leaves out. The engine creates one only through
 * KRL's {@code schedule <domain> event <type> at|repeat ...} run for an event that arrived on the ECI the scheduled
 * event will fire on, with the domain written in the source. So a helper ruleset ({@code org.picomesh.restore}, one
 * rule pair per domain) is generated, installed in the picos concerned for the time of one event per schedule, and
 * uninstalled. The picos must be live meanwhile: the caller lifts their leaving mark for that moment, before anything
 * can reach them (no agent routes to the engine yet).
 */
final class ScheduleRestore {
    static final String RID = "org.picomesh.restore";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final EngineHttp http;
    private final MoverRuleset mover;

    ScheduleRestore(EngineHttp http, MoverRuleset mover) {
        this.http = http;
        this.mover = mover;
    }

    /** The helper ruleset for these event domains. */
    static String source(Set<String> domains) {
        StringBuilder krl = new StringBuilder("ruleset " + RID + " {\n  meta {\n    name \"picomesh schedule restore\"\n"
                + "  }\n");
        int i = 0;
        for (String domain : new TreeSet<>(domains)) {
            if (!IDENTIFIER.matcher(domain).matches()) {
                throw new IllegalArgumentException("a scheduled event's domain is no KRL identifier, KRL cannot "
                        + "schedule it again");
            }
            for (String when : List.of("at", "repeat")) {
                String field = when.equals("at") ? "at" : "timespec";
                krl.append("  rule ").append(when).append('_').append(i).append(" {\n")
                        .append("    select when picomesh schedule_restore\n")
                        .append("    pre { a = event:attrs }\n")
                        .append("    if a{\"domain\"} == \"").append(domain).append("\" && a{\"").append(field)
                        .append("\"} then noop();\n")
                        .append("    fired { schedule ").append(domain).append(" event a{\"type\"} ").append(when)
                        .append(" a{\"").append(field).append("\"} attributes a{\"attrs\"}.decode() }\n  }\n");
            }
            i++;
        }
        return krl.append("}\n").toString();
    }

    /**
     * Schedules each event again on the ECI it fired on. {@code holders}: each schedule's ECI to the id of the pico
     * holding it on this engine.
     */
    void restore(List<JsonNode> schedules, Map<String, String> holders) {
        Set<String> domains = new TreeSet<>();
        schedules.forEach(s -> domains.add(s.path("event").path("domain").asText()));
        http.register(source(domains));
        Set<String> picos = new TreeSet<>();
        schedules.forEach(s -> picos.add(holders.get(s.path("event").path("eci").asText())));
        for (String pico : picos) {
            mover.event("rulesets_install_requested", Map.of("pico_id", pico, "rids", "[\"" + RID + "\"]"));
        }
        try {
            for (JsonNode schedule : schedules) {
                JsonNode event = schedule.path("event");
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("domain", event.path("domain").asText());
                attrs.put("type", event.path("type").asText());
                attrs.put(schedule.has("at") ? "at" : "timespec", schedule.path(schedule.has("at") ? "at"
                        : "timespec").asText());
                attrs.put("attrs", event.path("attrs").isObject() ? event.path("attrs").toString() : "{}");
                http.event(event.path("eci").asText(), eid(event), "picomesh", "schedule_restore", attrs);
            }
        } finally {
            for (String pico : picos) {
                mover.event("rulesets_uninstall_requested", Map.of("pico_id", pico, "rid", RID));
            }
        }
    }

    /** The event id the scheduled event carries; one that cannot be a path segment is replaced. */
    private static String eid(JsonNode event) {
        String eid = event.path("eid").asText("");
        return eid.matches("[A-Za-z0-9_.~-]{1,100}") ? eid : "picomesh-restore";
    }
}
