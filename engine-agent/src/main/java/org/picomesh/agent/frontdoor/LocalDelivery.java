package org.picomesh.agent.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.picoengine.PicoEngine;
import org.springframework.stereotype.Component;

/**
 * Delivers a held event to a pico on the local engine exactly once, though the agent may die between the engine's
 * answer and its record of it: pico-engine 0.48.1 has no idempotent event API, so the event goes through the
 * root pico's mover ruleset ({@code picomesh/delivery_requested}), which records the event's sequence number per pico
 * in the same episode in which it sends the event on (an in-engine {@code event:send}, through the pico's channel and
 * its policy) and answers a sequence seen before as a duplicate. The request keeps the event's query and body (the
 * engine parses them as it would have); what the delivery is (ECI, event id, domain, type, sequence) goes in headers,
 * which the engine puts above anything the event's own attributes may name. Remaining window: the engine dying after
 * that episode and before the pico ran the event (its queue is in memory) loses it. The pico sees the event's
 * attributes without {@code _headers} (the agent's headers, not the caller's, before).
 */
@Component
class LocalDelivery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VISIBLE = Pattern.compile("[\\x21-\\x7e]{1,200}");

    /** What the mover answered for the event. */
    enum Outcome {
        /** Sent on to the pico now. */
        SENT,
        /** Sent before: the agent had not recorded it. */
        DUPLICATE,
        /** The engine holds the pico leaving: send it again later. */
        LEAVING,
        /** No pico holds the ECI, or it moved away: it cannot run here. */
        REFUSED
    }

    private final DeliveryClient client;
    private final PicoEngine engine;
    private final AgentProperties properties;

    LocalDelivery(DeliveryClient client, PicoEngine engine, AgentProperties properties) {
        this.client = client;
        this.engine = engine;
        this.properties = properties;
    }

    /**
     * Sends the event with sequence number {@code sequence} (increasing per pico); the mover's outcome, with its
     * answer (the outcome is null when the answer is not the mover's: a failure, try again).
     */
    Result deliver(SkyRequest event, long sequence) {
        Map<String, String> headers = headers(event, sequence);
        SkyRequest wrapped = new SkyRequest("POST", "/sky/event/" + engine.root().adminEci()
                + "/picomesh-delivery/picomesh/delivery_requested", event.query(), event.contentType(), event.body());
        DeliveryClient.Answer answer = client.send(wrapped.on(properties.engineUrl()), wrapped, headers);
        return new Result(answer.status() / 100 == 2 ? outcome(answer.excerpt()) : null, answer);
    }

    record Result(Outcome outcome, DeliveryClient.Answer answer) {}

    /** Whether the mover can name the event (see {@link #headers}). */
    static boolean nameable(SkyRequest event) {
        try {
            headers(event, 0);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The delivery's headers: the event's ECI, id, domain and type (decoded from its path, as the engine decodes
     * them) and its sequence number. Refused (so the caller sends the event straight to the engine) when one of them
     * is no visible ASCII.
     */
    static Map<String, String> headers(SkyRequest event, long sequence) {
        String[] parts = event.path().split("/", -1); // "", "sky", "event", eci, eid, domain, type
        if (parts.length != 7 || !SkyRequest.isEvent(event.path())) {
            throw new IllegalArgumentException("not an event path");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String[] names = {"Picomesh-Eci", "Picomesh-Eid", "Picomesh-Domain", "Picomesh-Type"};
        for (int i = 0; i < names.length; i++) {
            String value = URLDecoder.decode(parts[3 + i].replace("+", "%2B"), StandardCharsets.UTF_8);
            if (!VISIBLE.matcher(value).matches()) {
                throw new IllegalArgumentException("a path segment of the event is not visible ASCII");
            }
            headers.put(names[i], value);
        }
        headers.put("Picomesh-Seq", Long.toString(sequence));
        return headers;
    }

    /** The outcome the mover's directive names; null when there is none (an answer not from the mover). */
    static Outcome outcome(String body) {
        try {
            for (JsonNode directive : JSON.readTree(body).path("directives")) {
                if (directive.path("name").asText().equals("delivery")) {
                    return switch (directive.path("options").path("outcome").asText()) {
                        case "sent" -> Outcome.SENT;
                        case "duplicate" -> Outcome.DUPLICATE;
                        case "leaving" -> Outcome.LEAVING;
                        case "unknown", "moved" -> Outcome.REFUSED;
                        default -> null;
                    };
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
