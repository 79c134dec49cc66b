package org.picomesh.agent.frontdoor;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
 * <li>events of the {@code picomesh} domain: the agent's own, such as the one that gives a pico its market key.</li>
 * </ul>
 * The path is decoded as the engine decodes it (percent-escapes, a function's {@code .ext}), so an escaped ECI or name
 * does not slip through. When the engine cannot say whether an ECI is the root's (it is down), nothing is forwarded.
 */
@Component
class EngineGuard {
    static final String AGENT_DOMAIN = "picomesh";
    static final String SKY_QUERY = "skyQuery";

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
        String eci = decode(segments[3]);
        Optional<Boolean> rootEci = moving.test(eci) ? Optional.of(false) : root.holds(eci);
        if (rootEci.isEmpty()) {
            return Optional.of(Answers.retryLater("the pico engine does not answer", java.time.Duration.ofSeconds(5)));
        }
        if (rootEci.get()) {
            return Optional.of(Answers.problem(HttpStatus.NOT_FOUND, "no pico answers on this ECI here"));
        }
        if (!event && segments.length >= 6 && decode(segments[5]).split("\\.", 2)[0].equals(SKY_QUERY)) {
            return Optional.of(Answers.problem(HttpStatus.FORBIDDEN, "this front door does not forward skyQuery: it "
                    + "would make the engine call any address on the caller's behalf; query the pico you mean directly"));
        }
        if (event && segments.length >= 6 && decode(segments[5]).equals(AGENT_DOMAIN)) {
            return Optional.of(Answers.problem(HttpStatus.FORBIDDEN, "events of the " + AGENT_DOMAIN + " domain "
                    + "are the engine agent's own"));
        }
        return Optional.empty();
    }

    private static String decode(String segment) {
        try {
            return UriUtils.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment; // a malformed escape: the engine refuses it too
        }
    }
}
