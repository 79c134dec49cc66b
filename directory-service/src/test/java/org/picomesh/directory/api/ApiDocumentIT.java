package org.picomesh.directory.api;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;

/**
 * The API as its users read it: an OpenAPI document with a real title, version and description, every parameter
 * described and every error a documented problem; addresses as hex; health that tells strangers only its status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentIT {
    private TestChain chain;
    private Directory directory;

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of());
    }

    @AfterAll
    void stop() {
        if (directory != null) {
            directory.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void theDocumentSaysWhatTheApiIsAndDescribesEveryParameterAndError() {
        JsonNode api = directory.get("/v3/api-docs");
        assertThat(api.at("/info/title").asText()).isEqualTo("picomesh directory API");
        assertThat(api.at("/info/version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(api.at("/info/description").asText()).contains("application/problem+json", "wei", "hex");
        assertThat(api.at("/components/schemas/Problem/properties").propertyNames())
                .contains("type", "title", "status", "detail");
        List<String> operations = new ArrayList<>();
        api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            String name = method.getKey().toUpperCase() + " " + path.getKey();
            operations.add(name);
            JsonNode operation = method.getValue();
            operation.path("parameters").forEach(p -> assertThat(p.path("description").asText())
                    .as(name + " parameter " + p.path("name").asText()).isNotBlank());
            JsonNode responses = operation.path("responses");
            for (String code : List.of("405", "406", "500")) {
                assertThat(responses.at("/" + code + "/content/application~1problem+json/schema/$ref").asText())
                        .as(name + " " + code).isEqualTo("#/components/schemas/Problem");
            }
            if (!operation.path("parameters").isEmpty() || operation.has("requestBody")) {
                assertThat(responses.has("400")).as(name + " documents 400").isTrue();
            }
            responses.properties().stream().filter(r -> r.getKey().startsWith("2")).forEach(ok ->
                    assertThat(ok.getValue().path("content").propertyNames()).as(name + " answers")
                            .isNotEmpty().doesNotContain("*/*"));
            if (operation.has("requestBody")) {
                assertThat(operation.at("/requestBody/content").propertyNames()).as(name + " takes")
                        .containsExactly("application/json");
                assertThat(responses.has("413") && responses.has("415")).as(name + " documents 413, 415").isTrue();
            }
        }));
        assertThat(operations).contains("GET /api/engines", "GET /api/engines/{id}", "GET /api/picos/{did}",
                "GET /api/market", "GET /api/stats", "POST /api/select", "POST /api/picos/{did}/policy").noneMatch(o -> o.contains("/error"));
        assertThat(api.at("/paths/~1api~1engines~1{id}/get/responses/404")).as("an unknown engine").isNotNull();
        JsonNode change = api.at("/paths/~1api~1picos~1{did}~1policy/post");
        assertThat(change.at("/responses/422/content/application~1problem+json/schema/$ref").asText())
                .as("a refused channel or policy").isEqualTo("#/components/schemas/Problem");
        assertThat(change.at("/responses/502/description").asText()).contains("host did not answer");
        String body = change.at("/requestBody/content/application~1json/schema/$ref").asText();
        JsonNode eci = api.at("/components/schemas/" + body.substring(body.lastIndexOf('/') + 1) + "/properties/eci");
        assertThat(eci.path("format").asText()).as("the ECI, like a password").isEqualTo("password");
        assertThat(eci.path("description").asText()).contains("never kept or logged");
    }

    @Test
    void everyAddressInTheMarketIsHex() {
        Directory.await("the market's parameters to be indexed", Duration.ofSeconds(20),
                () -> directory.get("/api/market").at("/parameters/treasury").isTextual());
        JsonNode market = directory.get("/api/market");
        String treasury = DevAccounts.account(DevAccounts.TREASURY).getAddress();
        assertThat(market.at("/parameters/treasury").asText()).matches("0x[0-9a-fA-F]{40}").isEqualToIgnoringCase(treasury);
        assertThat(market.path("registry").asText()).matches("0x[0-9a-fA-F]{40}");
        assertThat(market.path("escrow").asText()).matches("0x[0-9a-fA-F]{40}");
    }

    @Test
    void healthTellsStrangersItsStatusButNoDetails() {
        JsonNode health = directory.get("/actuator/health");
        assertThat(health.path("status").asText()).isIn("UP", "DEGRADED");
        assertThat(health.has("components")).as("components (a disk path, the chain node)").isFalse();
        assertThat(health.has("details")).isFalse();
        assertThat(health.toString()).doesNotContain("path", "/tmp", "diskSpace");
    }
}
