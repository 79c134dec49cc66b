package org.picomesh.agent.frontdoor;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Sends a held event out, to the local engine or to the pico's new host, through the same HTTP client the gateway
 * forwards with (pooled, no redirect followed, nothing retried: the deliverer decides what an answer means).
 */
@Component
class DeliveryClient {
    private static final int EXCERPT = 300;
    /** Enough of an answer for the mover's delivery directive. */
    private static final int DIRECTIVES = 4096;

    private final RestClient rest;

    DeliveryClient(ClientHttpRequestFactory engineRequestFactory) {
        this.rest = RestClient.builder().requestFactory(engineRequestFactory).build();
    }

    /** What the destination answered: its status and the start of its body (for the event's record, never logged). */
    record Answer(int status, String excerpt) {}

    /**
     * Sends the event with {@code headers} added; the answer with the start of its body whatever its status (the
     * mover's directive). Fails with a {@link org.springframework.web.client.RestClientException} when no answer came.
     */
    Answer send(URI uri, SkyRequest event, Map<String, String> headers) {
        RestClient.RequestBodySpec request = rest.method(HttpMethod.valueOf(event.method())).uri(uri).headers(h -> {
            if (event.contentType() != null) {
                h.set(HttpHeaders.CONTENT_TYPE, event.contentType());
            }
            headers.forEach(h::set);
        });
        if (event.body().length > 0) {
            request.body(event.body());
        }
        return request.exchange((req, response) -> new Answer(response.getStatusCode().value(), new String(
                response.getBody().readNBytes(DIRECTIVES), java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Fails with a {@link org.springframework.web.client.RestClientException} when no answer came. */
    Answer send(URI uri, SkyRequest event, DeliveryKey deliveryKey, String signature) {
        RestClient.RequestBodySpec request = rest.method(HttpMethod.valueOf(event.method())).uri(uri).headers(h -> {
            if (event.contentType() != null) {
                h.set(HttpHeaders.CONTENT_TYPE, event.contentType());
            }
            if (deliveryKey != null) {
                h.set(DeliveryReceiver.HEADER, deliveryKey.toString());
                h.set(ReplaySignatures.HEADER, signature);
            }
        });
        if (event.body().length > 0) {
            request.body(event.body());
        }
        return request.exchange((req, response) -> {
            int status = response.getStatusCode().value();
            if (status / 100 == 2) {
                return new Answer(status, "");
            }
            byte[] start = response.getBody().readNBytes(EXCERPT);
            return new Answer(status, new String(start, java.nio.charset.StandardCharsets.UTF_8));
        });
    }
}
