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
import java.util.OptionalLong;
import org.picomesh.agent.AgentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How many picos the pico engine behind the agent really hosts: the root pico's children, as the engine's own database
 * holds them ({@code engine:listChildren()}), whoever created them: picos leased through the market and picos put
 * there off-market alike. pico-engine 0.48.1 answers that only in KRL, so the agent registers a ruleset of its own
 * ({@code org.picomesh.census}, one shared function) and installs it on the root pico, once per engine start (both
 * are idempotent), then asks it over the engine's loopback HTTP API. wrangler's own {@code children} would miss
 * imported picos: it counts only the children wrangler created.
 */
@Component
public class PicoCensus {
    private static final Logger log = LoggerFactory.getLogger(PicoCensus.class);
    static final String RID = "org.picomesh.census";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final AgentProperties properties;
    private final String source;
    /** The root pico's channel once the census ruleset is installed on it; null until then or after a failure. */
    private volatile String rootEci;

    PicoCensus(AgentProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.engineTimeout()).build();
        try (InputStream krl = PicoCensus.class.getResourceAsStream("/picoengine/" + RID + ".krl")) {
            this.source = new String(krl.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the census ruleset is missing from the agent's jar", e);
        }
    }

    /** The number of picos on the engine now, or nothing when the engine does not answer (it is never guessed). */
    public OptionalLong picos() {
        try {
            String eci = rootEci != null ? rootEci : install();
            JsonNode count = get("/sky/cloud/" + eci + "/" + RID + "/picoCount");
            if (!count.canConvertToLong()) {
                throw new IOException("the census answered " + count.getNodeType() + ", not a count");
            }
            return OptionalLong.of(count.asLong());
        } catch (IOException e) {
            rootEci = null; // the engine may have restarted on another database: install again next time
            log.debug("the pico engine did not say how many picos it hosts: {}", e.toString());
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    private String install() throws IOException, InterruptedException {
        String eci = get("/api/root-eci").path("eci").asText("");
        if (!eci.matches("[A-Za-z0-9]{1,64}")) {
            throw new IOException("the engine named no root pico channel");
        }
        send(HttpRequest.newBuilder(url("/api/ruleset/register")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("src="
                        + URLEncoder.encode(source, StandardCharsets.UTF_8))));
        send(HttpRequest.newBuilder(url("/sky/event/" + eci + "/picomesh-census/wrangler/install_rulesets_requested"
                + "?rids=" + RID)));
        log.info("installed the {} ruleset on the pico engine's root pico, to count the picos it hosts", RID);
        rootEci = eci;
        return eci;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(send(HttpRequest.newBuilder(url(path))));
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.timeout(properties.engineTimeout()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.build().uri().getPath() + " answered " + response.statusCode());
        }
        return response.body();
    }

    private URI url(String path) {
        return properties.engineUrl().resolve(path);
    }
}
