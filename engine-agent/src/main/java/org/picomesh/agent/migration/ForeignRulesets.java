package org.picomesh.agent.migration;

import java.util.List;
import java.util.Locale;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.picoengine.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a target does with a pico that brings rulesets its engine does not run ({@code picomesh.agent.foreign-rulesets}):
 * {@code accept} registers their source (the owner's code, which in 0.48.1 may call {@code engine:*} on any pico of the
 * engine: said in a warning for each move), {@code refuse} rejects the move before anything is imported, with the
 * rulesets named, so an engine that hosts strangers' picos runs only the code its operator registered. Taken before
 * the first import only: a retry finds what that import registered.
 */
@Component
class ForeignRulesets {
    private static final Logger log = LoggerFactory.getLogger(ForeignRulesets.class);
    private static final int NAMED = 5;

    private final PicoEngine engine;
    private final boolean refuse;

    ForeignRulesets(PicoEngine engine, @Value("${picomesh.agent.foreign-rulesets:accept}") String policy) {
        this.engine = engine;
        this.refuse = switch (policy.trim().toLowerCase(Locale.ROOT)) {
            case "accept" -> false;
            case "refuse" -> true;
            default -> throw new IllegalArgumentException("picomesh.agent.foreign-rulesets: accept or refuse, not "
                    + policy);
        };
    }

    /** Refuses the snapshot (a lasting failure: the move is rejected) when it brings rulesets and they are refused. */
    void admit(Move move, Snapshot snapshot) throws MoveFailure.Fatal {
        List<String> foreign = engine.foreignRulesets(snapshot);
        if (foreign.isEmpty()) {
            return;
        }
        String named = Reasons.clean(String.join(", ", foreign.subList(0, Math.min(NAMED, foreign.size())))
                + (foreign.size() > NAMED ? " and " + (foreign.size() - NAMED) + " more" : ""));
        if (refuse) {
            throw new MoveFailure.Fatal("the pico brings rulesets this engine does not run (" + named + "); its "
                    + "operator registers them to host such picos");
        }
        log.warn("pico {} (lease {}) brings rulesets this engine did not run: {}; the import registers their source "
                + "(--picomesh.agent.foreign-rulesets=refuse turns such picos away)", move.pico(), move.leaseId(),
                named);
    }
}
