package org.picomesh.directory.picos;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a host's answer to {@code GET /picomesh/picos/{did}} into a {@link HostReport}: the answer must be for the
 * pico asked about, the policy must pass the published schema, and every decision is checked field by field (a
 * malformed one is left out and counted, an over-long reason shortened).
 */
final class HostReportReader {
    static final int MAX_DECISIONS = 50;
    static final int MAX_REASON = 300;
    static final int MAX_PROBLEM = 300;
    private static final Set<String> KINDS = Set.of("stayed", "moved", "move-requested");
    /** An engine as a host may name it: an address or other 0x-hex id, or a decimal engine id. */
    private static final Pattern ENGINE = Pattern.compile("0x[0-9a-fA-F]{1,64}|[0-9]{1,20}");
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).maxStringLength(65_536).build())
            .build()).build();

    private HostReportReader() {}

    static HostReport read(long engineId, String did, byte[] body, Instant askedAt) {
        JsonNode tree;
        try {
            tree = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            return HostReport.unanswered(engineId, "the host's answer is not JSON", askedAt);
        }
        if (tree == null || !tree.isObject()) {
            return HostReport.unanswered(engineId, "the host's answer is not a JSON object", askedAt);
        }
        if (!did.equalsIgnoreCase(tree.path("did").asText(""))) {
            return HostReport.unanswered(engineId, "the host answered for another pico", askedAt);
        }
        PlacementPolicy policy = null;
        String policyProblem = null;
        JsonNode policyNode = tree.path("policy");
        if (!policyNode.isMissingNode() && !policyNode.isNull()) {
            try {
                policy = PolicyDocument.parse(policyNode.toString());
            } catch (InvalidPolicyException e) {
                policyProblem = shorten("the host reported a policy that is not valid: " + e.problems().stream()
                        .limit(3).map(Object::toString).collect(Collectors.joining("; ")), MAX_PROBLEM);
            }
        }
        JsonNode listed = tree.path("decisions");
        List<HostReport.Decision> decisions = new ArrayList<>();
        int total = listed.isArray() ? listed.size() : 0;
        for (int i = 0; i < total && decisions.size() < MAX_DECISIONS; i++) {
            HostReport.Decision decision = decision(listed.get(i));
            if (decision != null) {
                decisions.add(decision);
            }
        }
        return new HostReport(HostReport.SOURCE, engineId, true, null, policy, policyProblem, List.copyOf(decisions),
                total - decisions.size(), askedAt);
    }

    /** The decision, or null when it lacks a valid time or kind. */
    private static HostReport.Decision decision(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("at").isTextual() || !node.path("kind").isTextual()) {
            return null;
        }
        String kind = node.path("kind").asText();
        Instant at = instant(node.path("at").asText());
        if (at == null || !KINDS.contains(kind)) {
            return null;
        }
        String reason = node.path("reason").isTextual() ? shorten(node.path("reason").asText(), MAX_REASON) : null;
        return new HostReport.Decision(at, kind, engine(node.path("from")), engine(node.path("to")), reason);
    }

    private static Instant instant(String text) {
        if (text.length() > 40) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String engine(JsonNode node) {
        String text = node.isTextual() || node.isIntegralNumber() ? node.asText() : null;
        return text != null && ENGINE.matcher(text).matches() ? text : null;
    }

    /** At most {@code max} characters, never splitting a surrogate pair, marked with an ellipsis when cut. */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "…";
    }
}
