package org.picomesh.agent.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Enrolls a pico through an agent's admin API, as {@code pico enroll} does. */
record MoveMeshEnroll(String agent) {
    void enroll(String eci, String pico) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(agent
                + "/admin/picos")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofString(new ObjectMapper().writeValueAsString(Map.of("eci", eci, "pico", pico)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"leaseId\":")) {
            throw new IllegalStateException("enroll answered " + answer.statusCode() + ": " + answer.body());
        }
    }
}
