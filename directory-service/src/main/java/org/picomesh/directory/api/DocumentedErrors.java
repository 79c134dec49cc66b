package org.picomesh.directory.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds to every operation the errors it can answer, each an RFC 9457 problem, and to every parameter what it
 * means and accepts (kept here, by name, so that the controllers stay short).
 */
class DocumentedErrors implements OpenApiCustomizer {
    static final String PROBLEM = "Problem";
    private static final Map<String, String> PARAMETERS = Map.ofEntries(
            Map.entry("maxPrice", "the highest price per pico-hour, a decimal string of wei (0 to 2^256-1)"),
            Map.entry("minStake", "the least stake, a decimal string of wei (0 to 2^256-1)"),
            Map.entry("minFreeCapacity", "the least number of free pico slots, a whole number from 0"),
            Map.entry("region", "the advertised region, exactly (at most 32 printable characters)"),
            Map.entry("maxLatencyMs", "the highest median latency this directory measured over 24 h, in ms (more than 0)"),
            Map.entry("minAvailability", "the least availability this directory measured over 24 h, a ratio from 0 to 1"),
            Map.entry("trustList", "only engines on this trust list (its id, from 0)"),
            Map.entry("status", "only engines in this state: pending, listed, unbonding, delisted or slashed"),
            Map.entry("q", "text searched in the engine's name, endpoint and region (at most 100 printable characters)"),
            Map.entry("sort", "the order: price, stake, latency, availability, capacity or score; a leading - for"
                    + " descending (default price)"),
            Map.entry("limit", "engines per page, 1 to 200 (default 50)"),
            Map.entry("cursor", "where the previous page ended: its nextCursor, unchanged, with the same sort"),
            Map.entry("id", "the engine's id in the EngineRegistry, a whole number from 0"),
            Map.entry("did", "the pico's DID: did:pkh:eip155:<chain id>:<0x-prefixed address>"));

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        api.getPaths().values().forEach(path -> path.readOperations().forEach(this::document));
    }

    private void document(Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (hasParameters) {
            operation.getParameters().forEach(DocumentedErrors::describe);
        }
        if (hasParameters || operation.getRequestBody() != null) {
            add(responses, "400", "a parameter or the body is not valid: the detail names it and what is accepted");
        }
        if (hasParameters && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()))) {
            add(responses, "404", "nothing is known by this id");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "413", "the body is over 256 KB");
            add(responses, "415", "the body is not application/json");
        }
        add(responses, "405", "the method is not allowed on this path");
        add(responses, "406", "the Accept header allows none of this operation's media types");
        add(responses, "500", "the directory failed; the cause is in its log, not in the answer");
    }

    private static void describe(Parameter parameter) {
        if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
            parameter.setDescription(PARAMETERS.get(parameter.getName()));
        }
    }

    private static void add(ApiResponses responses, String code, String description) {
        // replaces what springdoc inferred from the exception handlers: those list every handler for every path
        responses.addApiResponse(code, new ApiResponse().description(description).content(new Content()
                .addMediaType(Problems.MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref("#/components/schemas/"
                        + PROBLEM)))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem")
                .addProperty("type", new StringSchema().description("about:blank: the status says it all"))
                .addProperty("title", new StringSchema().description("the status's reason phrase"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what was wrong, naming the parameter or field,"
                        + " and what is accepted"))
                .addProperty("instance", new StringSchema().description("the request path, when given"));
    }
}
