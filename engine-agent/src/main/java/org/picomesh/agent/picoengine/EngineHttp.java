package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pico engine's HTTP API as the mover uses it: queries and events as form posts (no size limit that matters),
 * each bounded by a timeout, failures as {@link PicoEngineException}s. Bodies are never logged.
 */
final class EngineHttp {
    private static final Logger log = LoggerFactory.getLogger(EngineHttp.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 300;

    private final URI engine;
    private final HttpClient client;
    private final Duration callTimeout;
    private final Duration transferTimeout;

    EngineHttp(URI engine, Duration callTimeout, Duration transferTimeout) {
        this.engine = engine;
        this.callTimeout = callTimeout;
        this.transferTimeout = transferTimeout;
        // HTTP/1.1: the engine does not speak h2c, and the upgrade attempt costs ~100 ms a connection
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(callTimeout).build();
    }

    URI engine() {
        return engine;
    }

    JsonNode get(String path) {
        return json(send(HttpRequest.newBuilder(engine.resolve(path)).GET(), callTimeout, path));
    }

    JsonNode query(String eci, String rid, String function, Map<String, String> args) {
        return query(eci, rid, function, args, callTimeout);
    }

    JsonNode query(String eci, String rid, String function, Map<String, String> args, Duration timeout) {
        return json(queryBytes(eci, rid, function, args, timeout));
    }

    /** A query whose answer may be large (an export): the longer bound, the bytes as they came. */
    byte[] queryBytes(String eci, String rid, String function, Map<String, String> args, Duration timeout) {
        String path = "/sky/cloud/" + eci + "/" + rid + "/" + function;
        return send(form(path, FormBody.of(args)), timeout, rid + "/" + function);
    }

    JsonNode event(String eci, String domain, String type, Map<String, String> attrs) {
        return event(eci, "picomesh", domain, type, attrs);
    }

    JsonNode event(String eci, String eid, String domain, String type, Map<String, String> attrs) {
        String path = "/sky/event/" + eci + "/" + eid + "/" + domain + "/" + type;
        return json(send(form(path, FormBody.of(attrs)), callTimeout, domain + "/" + type));
    }

    /** An event whose answer may be large (a snapshot as its body): the given bound, the bytes as they came. */
    byte[] eventBytes(String eci, String domain, String type, Map<String, String> attrs, Duration timeout) {
        String path = "/sky/event/" + eci + "/picomesh/" + domain + "/" + type;
        return send(form(path, FormBody.of(attrs)), timeout, domain + "/" + type);
    }

    /** An event carrying a snapshot as the attribute {@code name}, streamed; the longer bound. */
    JsonNode event(String eci, String domain, String type, Map<String, String> attrs, String name, Snapshot snapshot) {
        String path = "/sky/event/" + eci + "/picomesh/" + domain + "/" + type;
        return json(send(form(path, FormBody.streaming(attrs, name, snapshot)), transferTimeout,
                domain + "/" + type));
    }

    /** Registers (or updates) a ruleset from its source; the engine compiles it. */
    void register(String source) {
        send(form("/api/ruleset/register", FormBody.of(Map.of("src", source))), transferTimeout, "ruleset register");
    }

    private HttpRequest.Builder form(String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(engine.resolve(path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(body);
    }

    private byte[] send(HttpRequest.Builder request, Duration timeout, String what) {
        HttpResponse<byte[]> response;
        long started = System.nanoTime();
        try {
            response = client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PicoEngineException.Unreachable(engine, what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PicoEngineException.Unreachable(engine, what, e);
        }
        if (log.isDebugEnabled()) {
            log.debug("{} {}: {} in {} ms, {} bytes", engine, what, response.statusCode(),
                    (System.nanoTime() - started) / 1_000_000, response.body().length);
        }
        if (response.statusCode() != 200) {
            throw new PicoEngineException.Refused(engine, what, response.statusCode(), reason(response.body()));
        }
        return response.body();
    }

    /** The engine's {@code {"error": ...}}, shortened: it is the engine's word, shown to people. */
    private static String reason(byte[] body) {
        String reason;
        try {
            reason = JSON.readTree(body).path("error").asText("");
        } catch (IOException e) {
            reason = "";
        }
        if (reason.isEmpty()) {
            return "(no reason given)";
        }
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
    }

    private JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new PicoEngineException.Refused(engine, "an answer", 200, "not JSON");
        }
    }
}
