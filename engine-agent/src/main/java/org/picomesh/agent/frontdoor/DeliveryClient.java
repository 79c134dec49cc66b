package org.picomesh.agent.frontdoor;

import java.net.URI;
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
    private final RestClient rest;

    DeliveryClient(ClientHttpRequestFactory engineRequestFactory) {
        this.rest = RestClient.builder().requestFactory(engineRequestFactory).build();
    }

    /** The status the destination answered; fails with a {@link org.springframework.web.client.RestClientException}. */
    int send(URI uri, SkyRequest event, String deliveryKey) {
        RestClient.RequestBodySpec request = rest.method(HttpMethod.valueOf(event.method())).uri(uri).headers(h -> {
            if (event.contentType() != null) {
                h.set(HttpHeaders.CONTENT_TYPE, event.contentType());
            }
            if (deliveryKey != null) {
                h.set(DeliveryReceiver.HEADER, deliveryKey);
            }
        });
        if (event.body().length > 0) {
            request.body(event.body());
        }
        return request.exchange((req, response) -> response.getStatusCode().value());
    }
}
