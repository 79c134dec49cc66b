package org.picomesh.agent.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.picomesh.agent.whereabouts.PicoResolver;
import org.picomesh.agent.whereabouts.Whereabouts;
import org.picomesh.agent.whereabouts.WhereaboutsException;
import org.picomesh.contracts.generated.LeaseEscrow;

/**
 * The demo's client of its pico: a tick every second to wherever the chain says the pico lives (its lease's engine,
 * that engine's advertised endpoint, resolved from the chain alone), and a line for each thing that happens: a move
 * asked on the chain, the pico live on another engine with its count and the reason it gave, the count now and then.
 */
final class DemoTicker {
    private final DemoPicoEngine engines;
    private final PicoResolver resolver;
    private final LeaseEscrow escrow;
    private final String did;
    private final String address;
    private final String eci;
    private final Consumer<String> say;
    private long engineId = -1;
    private String endpoint;
    private long announcedMove;
    private long ticks;
    private int unanswered;

    DemoTicker(DemoPicoEngine engines, PicoResolver resolver, LeaseEscrow escrow, String did, String address,
            String eci, Consumer<String> say) {
        this.engines = engines;
        this.resolver = resolver;
        this.escrow = escrow;
        this.did = did;
        this.address = address;
        this.eci = eci;
        this.say = say;
    }

    /** Ticks the pico until the chain puts it on engine {@code target} and it answers there; the ticks sent so far. */
    long tickUntilItLivesOn(long target, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Instant nextCount = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            LeaseEscrow.LeaseView lease = escrow.currentLease(address).send();
            long pending = lease.moveTo.longValueExact();
            if (pending != 0 && pending != announcedMove) {
                announcedMove = pending;
                say.accept("the pico asked to move, on the chain: engine " + lease.engineId + " -> engine " + pending);
            }
            if (lease.engineId.longValueExact() != engineId) {
                arrivedOn(lease.engineId.longValueExact());
            }
            tick();
            if (engineId == target && pending == 0 && count() >= ticks) {
                say.accept("the pico lives on engine " + target + " and answers there: count " + count());
                return ticks;
            }
            if (!Instant.now().isBefore(nextCount)) {
                say.accept("  count " + count() + " (" + ticks + " ticks sent, on engine " + engineId + ")");
                nextCount = Instant.now().plusSeconds(5);
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("the pico did not move to engine " + target + " within " + timeout.toSeconds()
                + " s: see .mesh/agent-*.log and `engine-agent pico where " + did + "`");
    }

    private void arrivedOn(long engine) throws WhereaboutsException, InterruptedException {
        Whereabouts where = resolver.resolve(did, step -> {});
        boolean first = engineId < 0;
        engineId = engine;
        endpoint = where.endpoint();
        announcedMove = 0;
        say.accept((first ? "the chain puts the pico on engine " : "moved: the chain now puts the pico on engine ")
                + engine + ", endpoint " + endpoint + " (lease " + where.leaseId() + ")");
        if (!first) {
            say.accept("  its reason, as it recorded it: " + reason());
        }
    }

    private void tick() {
        try {
            engines.event(endpoint, eci, "demo", "tick", Map.of());
            ticks++;
        } catch (RuntimeException e) {
            if (unanswered++ < 3) {
                say.accept("  a tick was not taken: " + e.getMessage());
            }
        }
    }

    private long count() {
        try {
            return engines.query(endpoint, eci, DemoPicoEngine.COUNTER, "count").asLong(-1);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * The reason of the pico's newest move, from its public page on its new host (its decisions travel with it); the
     * page answers 503 for a moment while the pico arrives.
     */
    private String reason() throws InterruptedException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                for (JsonNode decision : engines.page(endpoint, did).path("decisions")) {
                    if (decision.path("kind").asText().equals("moved")) {
                        return decision.path("reason").asText();
                    }
                }
                return "no move recorded";
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        return "not readable: " + last.getMessage();
    }
}
