package org.picomesh.contracts.placement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A placement policy read from JSON: checked against the published schema ({@link #SCHEMA_RESOURCE}, served by the
 * directory and shipped in the agent) and then for what a schema cannot say (a wei amount above 2^256-1). Every
 * problem is reported, each with its field, so a person fixes them all at once.
 */
public final class PolicyDocument {
    /** The JSON Schema (2020-12) of a placement policy, as a class-path resource. */
    public static final String SCHEMA_RESOURCE = "/org/picomesh/contracts/placement/placement-policy.schema.json";
    /** Bodies past this are refused before parsing: a policy is a few hundred bytes, excluded lists included. */
    public static final int MAX_LENGTH = 256 * 1024;
    private static final String SCHEMA_TEXT = load();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SCHEMA_TEXT);
    /** A policy nests three levels deep; anything far deeper is refused while parsing, before any recursion. */
    public static final int MAX_DEPTH = 32;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false) // the schema already refused them
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true) // "{} x" is not one document
            .setSerializationInclusion(JsonInclude.Include.NON_NULL); // absent, as the schema allows, not null
    private static final BigInteger MAX_WEI = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private PolicyDocument() {}

    /** The schema's text, to publish. */
    public static String schema() {
        return SCHEMA_TEXT;
    }

    /** The policy {@code json} describes, defaults filled; no body at all is the policy with every default. */
    public static PlacementPolicy parse(String json) {
        if (json == null || json.isBlank()) {
            return PlacementPolicy.none();
        }
        if (json.length() > MAX_LENGTH) {
            throw invalid("", "the policy is longer than " + MAX_LENGTH + " characters");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (StreamConstraintsException e) {
            throw invalid("", "nested too deep: a policy is at most " + MAX_DEPTH + " levels deep");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw invalid("", "not JSON (" + shortened(e.getOriginalMessage())
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
        }
        return read(tree);
    }

    /** The policy a parsed JSON document describes, defaults filled. */
    public static PlacementPolicy read(JsonNode tree) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (Error error : SCHEMA.validate(tree)) {
            problems.add(new PolicyProblem(path(error), error.getMessage()));
        }
        if (problems.isEmpty()) {
            wei(tree.at("/constraints/maxPrice"), "constraints.maxPrice", problems);
            wei(tree.at("/constraints/minStake"), "constraints.minStake", problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        try {
            return JSON.treeToValue(tree, PlacementPolicy.class).withDefaults();
        } catch (JsonProcessingException e) {
            throw invalid("", "does not match the schema's shape (" + shortened(e.getOriginalMessage()) + ")");
        }
    }

    /** A policy as JSON, as {@link #parse} reads it back. */
    public static String write(PlacementPolicy policy) {
        try {
            return JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy record always serialises", e);
        }
    }

    private static void wei(JsonNode value, String path, List<PolicyProblem> problems) {
        if (value.isTextual() && new BigInteger(value.asText()).compareTo(MAX_WEI) > 0) {
            problems.add(new PolicyProblem(path, "must be a whole number of wei from 0 to 2^256-1"));
        }
    }

    /** The field as a person writes it ({@code weights.cost}, {@code constraints.regions[2]}); empty for the whole. */
    private static String path(Error error) {
        NodePath location = error.getInstanceLocation();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(element);
            }
        }
        return path.toString();
    }

    private static String shortened(String message) {
        // Jackson names where a nested value began as "[Source: ...; line: 3, column: 15]": the position is enough
        String line = message == null ? "" : message.lines().findFirst().orElse("")
                .replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)]", "line $1, column $2");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    private static InvalidPolicyException invalid(String path, String message) {
        return new InvalidPolicyException(List.of(new PolicyProblem(path, message)));
    }

    private static String load() {
        try (InputStream in = PolicyDocument.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the placement policy schema is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
