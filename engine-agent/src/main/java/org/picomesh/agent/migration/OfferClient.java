package org.picomesh.agent.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.picomesh.agent.chain.AgentKey;
import org.springframework.stereotype.Component;

/** Sends the source's signed offer to the target agent's advertised endpoint ({@code POST /moves/offers}). */
@Component
class OfferClient {
    static final String PATH = "moves/offers";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MoveChain chain;
    private final AgentKey key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

    OfferClient(MoveChain chain, AgentKey key) {
        this.chain = chain;
        this.key = key;
    }

    /** The problem's detail, printable, or nothing when the answer is no problem document. */
    private static String detail(String body) {
        try {
            return Reasons.clean(JSON.readTree(body).path("detail").asText(""));
        } catch (IOException e) {
            return "";
        }
    }

    void offer(Move move, URI target) throws MoveFailure {
        long expires = Math.min(move.deadline().getEpochSecond(), Instant.now().getEpochSecond() + 600);
        Offer unsigned = new Offer(chain.chainId(), move.leaseId(), move.cid(), expires, "");
        Offer offer = new Offer(unsigned.chainId(), unsigned.leaseId(), unsigned.cid(), expires,
                MoveSignatures.sign(unsigned.message(chain.escrowAddress()), key.credentials()));
        String base = target.toString();
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base
                    : base + "/") + PATH)).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(offer))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new MoveFailure.Transient("the target agent answered " + answer.statusCode() + " to the offer: "
                        + detail(answer.body()));
            }
        } catch (IOException e) {
            throw new MoveFailure.Transient("cannot reach the target agent at " + target + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MoveFailure.Transient("interrupted offering to " + target, e);
        }
    }
}
