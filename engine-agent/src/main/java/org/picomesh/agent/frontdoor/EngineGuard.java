package org.picomesh.agent.frontdoor;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UriUtils;

/**
 * What the front door never forwards, whoever asks, because it would hand a caller the engine's secrets:
 * <ul>
 * <li>any event or query to the root pico's ECIs: they reach the agent's {@code org.picomesh.mover}, whose functions
 * return snapshots (every channel's private key) and picos' market keys. A child of the root learns one of them from
 * wrangler's shared {@code parent_eci};</li>
 * <li>queries of {@code skyQuery} (wrangler shares it in every pico): it makes the engine itself GET any URL, its own
 * loopback API included ({@code /api/db-dump}, the root pico's channels), behind the front door's back;</li>
 * <li>events of the {@code picomesh} domain: the agent's own, such as the one that gives a pico its market key;</li>
 * <li>wrangler's own {@code delete_child} and {@code delete_children}: wrangler raises and schedules them inside a pico
 * when it deletes a child, and their rules remove whatever pico id the attributes name, so sent to one's own pico they
 * would remove any other pico on the engine (wrangler's shared {@code myself} names a pico's id).</li>
 * </ul>
 * The path is decoded as the engine decodes it (percent-escapes, a function's {@code .ext}), so an escaped ECI or name
 * does not slip through. When the engine cannot say whether an ECI is the root's (it is down), nothing is forwarded.
 */
@Component
class EngineGuard {
    static final String AGENT_DOMAIN = "picomesh";
    static final String SKY_QUERY = "skyQuery";
    static final Set<String> WRANGLER_INTERNAL = Set.of("delete_child", "delete_children");

    private final RootChannels root;

    EngineGuard(RootChannels root) {
        this.root = root;
    }

    /**
     * The answer to a request the front door must not forward, or nothing for one it may. {@code moving} names the
     * ECIs of picos moving here or away (never the root's): for them the engine is not asked, as it may be down while
     * the front door holds their events.
     */
    Optional<ServerResponse> refusal(String rawPath, Predicate<String> moving) {
        String[] segments = rawPath.split("/", -1); // "", "sky", "event"|"cloud", eci, ...
        if (segments.length < 4 || !segments[1].equals("sky")) {
            return Optional.empty(); // the engine answers 404 to any other shape
        }
        boolean event = segments[2].equals("event");
        String eci = asTheEngineReads(segments[3]);
        Optional<Boolean> rootEci = moving.test(eci) ? Optional.of(false) : root.holds(eci);
        if (rootEci.isEmpty()) {
            return Optional.of(Answers.retryLater("the pico engine does not answer", java.time.Duration.ofSeconds(5)));
        }
        if (rootEci.get()) {
            return Optional.of(Answers.problem(HttpStatus.NOT_FOUND, "no pico answers on this ECI here"));
        }
        String function = segments.length >= 6 ? trim(decode(segments[5]).split("\\.", 2)[0]) : "";
        if (!event && function.equals(SKY_QUERY)) {
            return Optional.of(Answers.problem(HttpStatus.FORBIDDEN, "this front door does not forward skyQuery: it "
                    + "would make the engine call any address on the caller's behalf; query the pico you mean directly"));
        }
        String domain = segments.length >= 6 ? asTheEngineReads(segments[5]) : "";
        if (event && domain.equals(AGENT_DOMAIN)) {
            return Optional.of(Answers.problem(HttpStatus.FORBIDDEN, "events of the " + AGENT_DOMAIN + " domain "
                    + "are the engine agent's own"));
        }
        String type = segments.length >= 7 ? asTheEngineReads(segments[6]) : "";
        if (event && domain.equals("wrangler") && WRANGLER_INTERNAL.contains(type)) {
            return Optional.of(Answers.problem(HttpStatus.FORBIDDEN, "wrangler/" + type + " is wrangler's own step "
                    + "of a child's deletion: ask for wrangler/child_deletion"));
        }
        return Optional.empty();
    }

    /**
     * A path segment as the engine takes it: percent-decoded, then trimmed as JavaScript's {@code trim()} does (the
     * engine trims an event's ECI, domain and type, a query's ECI and its function once split from its {@code .ext}),
     * so that "picomesh%20" or a root ECI with a trailing tab is no name the guard would not know. Trims a little more
     * than JavaScript (any ISO control or Unicode space): the guard then refuses more, never less.
     */
    static String asTheEngineReads(String segment) {
        return trim(decode(segment));
    }

    private static String decode(String segment) {
        try {
            return UriUtils.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment; // a malformed escape: the engine refuses it too
        }
    }

    private static String trim(String decoded) {
        int from = 0;
        int to = decoded.length();
        while (from < to && trimmed(decoded.charAt(from))) {
            from++;
        }
        while (to > from && trimmed(decoded.charAt(to - 1))) {
            to--;
        }
        return decoded.substring(from, to);
    }

    private static boolean trimmed(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || c == '\uFEFF';
    }
}
