package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Makes picos on a real pico engine for tests and benches, straight through its HTTP API: children through wrangler,
 * channels, a counter ({@code org.picomesh.test.counter}) with events counted, a scheduled event, and any amount of
 * state ({@link #picoWithState}).
 */
public final class TestPicos {
    public static final String COUNTER = "org.picomesh.test.counter";
    /** Sends a counter/tick to a pico on another engine with {@code event:send}. */
    public static final String RELAY = "org.picomesh.test.relay";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI engine;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The query path of a pico's counter (the {@link #COUNTER} ruleset's {@code count}). */
    public static String countPath(String eci) {
        return "/sky/cloud/" + eci + "/" + COUNTER + "/count";
    }

    public TestPicos(String engineUrl) {
        this.engine = URI.create(engineUrl);
    }

    public String rootEci() {
        return get("/api/root-eci").path("eci").asText();
    }

    /** Registers the counter ruleset on the engine (idempotent). */
    public void registerCounter() {
        register(COUNTER);
    }

    /** Registers one of the test rulesets ({@link #COUNTER}, {@link #RELAY}...) on the engine (idempotent). */
    public void register(String rid) {
        try (InputStream krl = TestPicos.class.getResourceAsStream("/picoengine/" + rid + ".krl")) {
            post("/api/ruleset/register", Map.of("src", new String(krl.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new child of the pico behind {@code parentEci}, with these rulesets (besides wrangler's); its ECI. */
    public String child(String parentEci, String name, String... rids) {
        JsonNode answer = event(parentEci, "wrangler", "new_child_request", rids.length == 0 ? Map.of("name", name)
                : Map.of("name", name, "rids", String.join(";", rids)));
        return answer.path("directives").get(0).path("options").path("pico").path("eci").asText();
    }

    /** A new channel of the pico; its ECI. */
    public String channel(String eci, String name) {
        JsonNode answer = event(eci, "wrangler", "channel_creation_requested", Map.of("name", name, "type", "test"));
        return answer.path("directives").get(0).path("options").path("id").asText();
    }

    public void tick(String eci) {
        event(eci, "counter", "tick", Map.of());
    }

    /** Schedules one counter/tick an hour from now. */
    public void scheduleTick(String eci) {
        event(eci, "counter", "schedule_requested", Map.of());
    }

    /** Schedules one counter/tick {@code seconds} from now. */
    public void scheduleTickIn(String eci, int seconds) {
        event(eci, "counter", "soon_requested", Map.of("seconds", String.valueOf(seconds)));
    }

    /** Schedules a counter/tick every first of January (a repeating schedule that does not fire during a test). */
    public void scheduleYearly(String eci) {
        event(eci, "counter", "cron_requested", Map.of());
    }

    public long count(String eci) {
        return post("/sky/cloud/" + eci + "/" + COUNTER + "/count", Map.of()).asLong(-1);
    }

    /** The event ids of the counter/tick events the pico ran, in the order it ran them. */
    public List<String> seen(String eci) {
        List<String> eids = new ArrayList<>();
        post("/sky/cloud/" + eci + "/" + COUNTER + "/seen", Map.of()).forEach(eid -> eids.add(eid.asText()));
        return eids;
    }

    /** The pico's scheduled events, as {@code schedule:list()} shows them. */
    public JsonNode schedules(String eci) {
        return post("/sky/cloud/" + eci + "/" + COUNTER + "/schedules", Map.of());
    }

    /**
     * Has the relay pico {@code relayEci} (on this engine) send a counter/tick under {@code eid} to {@code eci} at
     * {@code host} with {@code event:send}: the engine answers before the POST is even sent.
     */
    public void relay(String relayEci, String eci, String eid, String host) {
        event(relayEci, "relay", "send_requested", Map.of("eci", eci, "eid", eid, "host", host));
    }

    public long blobSize(String eci) {
        return post("/sky/cloud/" + eci + "/" + COUNTER + "/blobSize", Map.of()).asLong(-1);
    }

    /**
     * A new child of the root pico with the counter and {@code bytes} bytes of state (one entvar of that many
     * characters); its ECI. Registers the counter first.
     */
    public String picoWithState(String name, int bytes) {
        registerCounter();
        String eci = child(rootEci(), name, COUNTER);
        event(eci, "counter", "blob_given", Map.of("blob", "x".repeat(bytes)));
        return eci;
    }

    /** A pico made by {@link #picoWithVariedState}: its ECI and its children's. */
    public record StatefulPico(String eci, List<String> children) {}

    /**
     * A new child of the root pico with the counter and {@code bytes} bytes of varied text as state (words drawn from
     * a seeded random source, not one repeated character: what a compressor or a chunker sees is closer to a real
     * pico's), shared between the pico and {@code children} children of its own that carry the counter too. Registers
     * the counter first.
     */
    public StatefulPico picoWithVariedState(String name, int bytes, int children) {
        registerCounter();
        String eci = child(rootEci(), name, COUNTER);
        Random random = new Random(name.hashCode());
        List<String> kids = new ArrayList<>();
        int share = bytes / (children + 1);
        for (int i = 0; i < children; i++) {
            String kid = child(eci, name + "-child-" + i, COUNTER);
            event(kid, "counter", "blob_given", Map.of("blob", variedText(random, share)));
            kids.add(kid);
        }
        event(eci, "counter", "blob_given", Map.of("blob", variedText(random, bytes - share * children)));
        return new StatefulPico(eci, List.copyOf(kids));
    }

    /** The bytes of state of the pico and its children, as {@link #picoWithVariedState} gave them. */
    public long stateSize(StatefulPico pico) {
        long size = blobSize(pico.eci());
        for (String kid : pico.children()) {
            size += blobSize(kid);
        }
        return size;
    }

    private static String variedText(Random random, int length) {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int word = 1 + random.nextInt(12);
            for (int i = 0; i < word && text.length() < length; i++) {
                text.append(letters.charAt(random.nextInt(letters.length())));
            }
            if (text.length() < length) {
                text.append(random.nextInt(8) == 0 ? '.' : ' ');
            }
        }
        return text.toString();
    }

    public JsonNode event(String eci, String domain, String type, Map<String, String> attrs) {
        return post("/sky/event/" + eci + "/test/" + domain + "/" + type, attrs);
    }

    /** The status code a caller that does not follow redirects sees for a GET of this path, and its Location. */
    public HttpResponse<String> raw(String path) {
        try {
            return client.send(HttpRequest.newBuilder(engine.resolve(path)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) {
        return parse(path, raw(path));
    }

    public JsonNode post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        try {
            return parse(path, client.send(HttpRequest.newBuilder(engine.resolve(path)).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String path, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
