package org.picomesh.directory.picos;

import java.util.regex.Pattern;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PolicyDocument;
import org.picomesh.directory.api.BadRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A new policy for a pico, as a person sends it: {@code {"eci": <one of the pico's channels>, "policy": {...}}}. The
 * ECI is the capability to send the pico events; it is checked for shape and never echoed, logged or kept. The policy
 * is checked here as the pico's agent will check it, so a mistake is named before any host is asked.
 *
 * @param eci the channel the event goes to: letters and digits only, so it is safe in a URL path
 * @param policy the policy document as text, valid by the published schema
 */
record PolicyChange(String eci, String policy) {
    static final Pattern ECI = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(PolicyDocument.MAX_DEPTH).build())
            .build()).build();

    /** The change a body asks for, or a {@link BadRequestException} naming the field at fault (never its value). */
    static PolicyChange read(String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequestException("the body is not JSON: send {\"eci\": \"<one of the pico's channels>\", "
                    + "\"policy\": {...}}");
        }
        if (tree == null || !tree.isObject()) {
            throw new BadRequestException("the body must be a JSON object: {\"eci\": \"<one of the pico's channels>\", "
                    + "\"policy\": {...}}");
        }
        for (String field : tree.propertyNames()) {
            if (!field.equals("eci") && !field.equals("policy")) {
                throw new BadRequestException("unknown field '" + shown(field) + "': the body has eci and policy only");
            }
        }
        JsonNode eci = tree.path("eci");
        if (!eci.isTextual() || !ECI.matcher(eci.asText()).matches()) {
            throw new BadRequestException("eci: one of the pico's channels (ECIs) is needed, 1 to 64 letters and "
                    + "digits; it is the capability to send the pico events");
        }
        JsonNode policy = tree.path("policy");
        if (!policy.isObject()) {
            throw new BadRequestException("policy: a placement policy is needed, a JSON object as described at "
                    + "/api/schemas/placement-policy.json");
        }
        String text = policy.toString();
        try {
            PolicyDocument.parse(text);
        } catch (InvalidPolicyException e) {
            throw new BadRequestException("policy: " + e.getMessage());
        }
        return new PolicyChange(eci.asText(), text);
    }

    private static String shown(String field) {
        String printable = field.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    /** Never the ECI: a record's default would print it. */
    @Override
    public String toString() {
        return "PolicyChange[eci=(hidden), policy=" + policy.length() + " characters]";
    }
}
