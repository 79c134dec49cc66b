package org.picomesh.agent.advert;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.picomesh.agent.AgentProperties;
import org.springframework.stereotype.Component;

/**
 * The latency of the agent's own front door, measured as a pico's caller (or the directory's prober) meets it:
 * {@code GET <advertised endpoint>/api/engine-version}, through whatever name, TLS and proxies the endpoint goes
 * through. One request opens the connection (HTTP/1.1: the JDK's HTTP/2 upgrade would add about 100 ms to it), then
 * {@code latency-samples} requests are timed on that kept-alive connection and the median is the measurement: the
 * latency of a request, not of a TCP handshake, and not of one slow request. Any failure gives no measurement and
 * ends the sampling: a front door that hangs costs one engine timeout per check, not one per sample.
 */
@Component
class FrontDoorLatency {
    private final HttpClient client;
    private final Duration timeout;
    private final int samples;

    FrontDoorLatency(AgentProperties properties) {
        this.timeout = properties.engineTimeout();
        this.samples = properties.latencySamples();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The median of the samples, in ms (rounded), or nothing when the endpoint is not a URL or does not answer 200. */
    OptionalLong medianMs(String endpoint) {
        URI version = versionUrl(endpoint);
        if (version == null) {
            return OptionalLong.empty();
        }
        try {
            send(version); // opens the connection: not timed
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                send(version);
                micros.add((System.nanoTime() - start) / 1_000);
            }
            return OptionalLong.of(Math.round(Samples.median(micros) / 1_000.0));
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    private void send(URI url) throws IOException, InterruptedException {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url).timeout(timeout).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
    }

    /** As the directory's prober forms it; null for what is not an http(s) URL with a host and no credentials. */
    static URI versionUrl(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return null;
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return uri.resolve(path + "/api/engine-version");
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
