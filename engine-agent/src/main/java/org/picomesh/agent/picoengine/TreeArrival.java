package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A move's target side on 0.48.1, through the mover: what a snapshot would bring (its ECIs, which of them are held
 * here, the rulesets it carries that this engine lacks), the idempotent import and the check of what it imported.
 */
final class TreeArrival {
    private final EngineHttp http;
    private final MoverRuleset mover;
    private final ScheduleRestore restore;
    private final SnapshotOutlines outlines;
    private final Duration transferTimeout;
    private final Function<String, Optional<Pico>> find;

    /** {@code find}: the pico holding an ECI on this engine, if any (the import looks for an earlier copy). */
    TreeArrival(EngineHttp http, MoverRuleset mover, ScheduleRestore restore, Duration transferTimeout,
            Function<String, Optional<Pico>> find) {
        this.http = http;
        this.mover = mover;
        this.restore = restore;
        this.outlines = new SnapshotOutlines(http.engine());
        this.transferTimeout = transferTimeout;
        this.find = find;
    }

    /** See {@link Importer#importIdempotent}. */
    Imported importIdempotent(Pico parent, Snapshot snapshot, boolean unheld, boolean readBack) {
        return mover.guarded(() -> new Importer(http, mover, restore).importIdempotent(parent, snapshot, unheld,
                readBack, outlines::of, find));
    }

    /** Compares with the outline the engine computes of the imported tree: the pico is not exported again. */
    CheckResult check(Pico pico, Snapshot expected) {
        SnapshotOutline want = outlines.of(expected);
        // the engine reads the whole tree's state for it: the bound of a transfer
        JsonNode document = mover.known(pico, () -> http.query(mover.root().adminEci(), MoverRuleset.RID, "outline",
                Map.of("pico_id", pico.id()), transferTimeout));
        if (!document.isObject()) {
            throw new PicoEngineException.UnknownEci(http.engine(), pico.adminEci());
        }
        return SnapshotCheck.ofImport(want, EngineOutline.read(document), java.time.Instant.now());
    }

    List<String> snapshotEcis(Snapshot snapshot) {
        return outlines.ecis(snapshot);
    }

    List<String> foreignRulesets(Snapshot snapshot) {
        List<String> carried = outlines.carriedRulesets(snapshot);
        if (carried.isEmpty()) {
            return carried;
        }
        Set<String> enabled = new HashSet<>();
        mover.guarded(() -> mover.query("enabledRulesets", Map.of())).forEach(rid -> enabled.add(rid.asText()));
        return carried.stream().filter(rid -> !enabled.contains(rid)).toList();
    }

    List<String> held(List<String> ecis) {
        if (ecis.isEmpty()) {
            return List.of();
        }
        Map<String, String> holders = holders(ecis);
        return ecis.stream().filter(e -> !holders.getOrDefault(e, "").isEmpty()).toList();
    }

    /** Each ECI to the id of the pico holding it, "" for none. */
    private Map<String, String> holders(List<String> ecis) {
        return mover.guarded(() -> mover.holders(ecis));
    }
}
