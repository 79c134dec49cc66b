package org.picomesh.directory.picos;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a pico's host answered when asked to pass on a new policy, read as a stranger's words: the pico's DID on the
 * channel given (query {@code org.picomesh.market/did}), and the pico's verdict on the policy (the directive
 * {@code policy} of the event {@code market/policy_given}: {@code {"valid": bool, "message": text}}). Anything else
 * is no verdict.
 */
final class HostVerdicts {
    static final int MAX_MESSAGE = 300;
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).maxStringLength(65_536).build())
            .build()).build();

    private HostVerdicts() {}

    /** The pico's verdict: kept or not, and the message its agent gave (bounded, unverified). */
    record Verdict(boolean kept, String message) {}

    /** The DID the channel's pico names (null when it names none: not enrolled), or an exception when no answer. */
    static String did(byte[] body) throws NoVerdictException {
        JsonNode tree = tree(body);
        if (tree.isNull()) {
            return null;
        }
        if (!tree.isTextual() || tree.asText().length() > 200) {
            throw new NoVerdictException("the pico on this channel gave no DID the directory can read");
        }
        return tree.asText();
    }

    /** The verdict in the event's directives, or an exception saying why there is none. */
    static Verdict verdict(byte[] body) throws NoVerdictException {
        JsonNode directives = tree(body).path("directives");
        if (!directives.isArray()) {
            throw new NoVerdictException("the host's answer to the event has no directives");
        }
        for (JsonNode directive : directives) {
            if (directive.path("name").isTextual() && directive.path("name").asText().equals("policy")) {
                JsonNode options = directive.path("options");
                if (!options.path("valid").isBoolean()) {
                    throw new NoVerdictException("the pico's answer does not say whether it kept the policy");
                }
                String message = options.path("message").isTextual() ? options.path("message").asText() : "";
                return new Verdict(options.path("valid").asBoolean(),
                        HostReportReader.shorten(printable(message), MAX_MESSAGE));
            }
        }
        throw new NoVerdictException("the pico did not answer the event (is the ruleset org.picomesh.market "
                + "installed in it?)");
    }

    private static JsonNode tree(byte[] body) throws NoVerdictException {
        try {
            return JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new NoVerdictException("the host's answer is not JSON");
        }
    }

    /** Control characters shown as '?': the message goes into a problem's detail and a page. */
    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    /** The host answered, but not with what was asked. */
    static final class NoVerdictException extends Exception {
        NoVerdictException(String message) {
            super(message);
        }
    }
}
