package org.picomesh.agent.placement;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.picomesh.contracts.placement.Ranking;

/**
 * The directory's {@code POST /api/select}, asked with a timeout and a bounded number of attempts. Its answer is a
 * stranger's: read up to {@link #MAX_ANSWER} bytes, and the engine chosen from it is checked against the chain before
 * anything is paid ({@link ChosenEngineCheck}).
 */
final class DirectorySelection {
    static final int MAX_ANSWER = 8 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The directory gave no usable answer; the message says what happened on the last attempt. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }

    private final URI select;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient http;

    DirectorySelection(DirectoryProperties properties) {
        this.select = properties.url() == null ? null : properties.url().resolve("/api/select");
        this.timeout = properties.timeout();
        this.attempts = Math.max(1, properties.attempts());
        this.backoff = properties.backoff();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    boolean configured() {
        return select != null;
    }

    String url() {
        return select == null ? null : select.toString();
    }

    /** The directory's ranking for {@code policy} (a validated policy document). */
    Ranking.Result select(String policy) throws Unavailable {
        if (select == null) {
            throw new Unavailable("no directory configured");
        }
        String last = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return once(policy);
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (attempt < attempts && !pause(backoff.multipliedBy(1L << (attempt - 1)))) {
                break;
            }
        }
        throw new Unavailable("the directory at " + select + " gave no answer in " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ": " + last);
    }

    private Ranking.Result once(String policy) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(select).timeout(timeout).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(policy)).build();
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        try (InputStream body = answer.body()) {
            byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
            if (answer.statusCode() != 200) {
                throw new IOException("status " + answer.statusCode());
            }
            if (bytes.length > MAX_ANSWER) {
                throw new IOException("an answer over " + MAX_ANSWER + " bytes");
            }
            Ranking.Result result = JSON.readValue(bytes, Ranking.Result.class);
            if (result == null || result.candidates() == null || result.excluded() == null) {
                throw new IOException("an answer without candidates or exclusions");
            }
            return result;
        }
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
