package org.picomesh.agent.choice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The pico's policy document as a directory is asked with it: the pico's own fields, and its host now as
 * {@code currentEngine}, so the directory favours the host by the policy's margin exactly as the chain's ranking does.
 */
final class PolicyWithHost {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyWithHost() {}

    /** {@code document} (validated, or null for none) with {@code currentEngine} set to {@code engineId}. */
    static String document(JsonNode document, long engineId) {
        ObjectNode withHost = document != null && document.isObject() ? ((ObjectNode) document).deepCopy()
                : JSON.createObjectNode();
        withHost.put("currentEngine", engineId);
        return withHost.toString();
    }
}
