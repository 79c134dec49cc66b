package org.picomesh.agent.frontdoor;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The receiving end of a replay (the pico's new host): an event another front door held and now replays, under its
 * delivery key ({@value #HEADER}: {@code <source engine>/<lease>/<sequence>}), signed by the source's agent
 * ({@link ReplaySignatures}). It is stored under that key before it is answered, and delivered to the local engine
 * from there in order; a key received before is answered again without storing or delivering anything: the sender may
 * retry as often as it needs. A replay that comes late, once the pico moved on from here (A -> B -> C quickly), is
 * taken all the same under the lease it moved here from and queued behind the pico's route: this front door passes it
 * on to the pico's new host under its own key, as any event it held (exactly once on each hop).
 */
@Component
class DeliveryReceiver {
    static final String HEADER = "Picomesh-Delivery";

    private enum Outcome { RECEIVED, DUPLICATE, REUSED, UNEXPECTED }

    private final PicoRouteRepository routes;
    private final HeldEventRepository events;
    private final TransactionTemplate transactions;
    private final Deliverer deliverer;
    private final ReplaySignatures signatures;
    private final RouteTable table;
    private final AgentProperties properties;
    private final Clock clock = Clock.systemUTC();

    DeliveryReceiver(PicoRouteRepository routes, HeldEventRepository events, TransactionTemplate transactions,
            Deliverer deliverer, ReplaySignatures signatures, RouteTable table, AgentProperties properties) {
        this.routes = routes;
        this.events = events;
        this.transactions = transactions;
        this.deliverer = deliverer;
        this.signatures = signatures;
        this.table = table;
        this.properties = properties;
    }

    ServerResponse receive(ServerRequest request, String eci, String text) throws IOException {
        DeliveryKey key = DeliveryKey.parse(text);
        if (key == null) {
            return Answers.problem(HttpStatus.BAD_REQUEST, HEADER + " must be <engine>/<lease>/<sequence>");
        }
        SkyRequest event = EventHolder.read(request, (int) properties.heldBodyLimit().toBytes());
        if (event == null) {
            return Answers.problem(HttpStatus.PAYLOAD_TOO_LARGE, "a replayed event may carry at most "
                    + properties.heldBodyLimit().toBytes() + " bytes");
        }
        Optional<PicoRoute> route = routes.findById(eci);
        if (route.isEmpty()) {
            return unexpected();
        }
        long lease = route.get().takesReplaysOf(key.leaseId()) ? key.leaseId() : route.get().route().leaseId();
        Optional<ReplaySignatures.Refusal> refusal = signatures.check(key, eci, lease, event,
                request.headers().firstHeader(ReplaySignatures.HEADER));
        if (refusal.isPresent()) {
            return Answers.problem(refusal.get().status(), refusal.get().detail());
        }
        Outcome outcome = transactions.execute(status -> store(eci, key, event));
        return switch (outcome) {
            case RECEIVED, DUPLICATE -> {
                deliverer.kick();
                yield Answers.received(key.toString(), outcome == Outcome.DUPLICATE);
            }
            case REUSED -> Answers.problem(HttpStatus.CONFLICT, "this delivery key came with another event");
            case UNEXPECTED -> unexpected();
        };
    }

    private static ServerResponse unexpected() {
        return Answers.problem(HttpStatus.CONFLICT, "no pico moved here with this ECI");
    }

    /**
     * Under the pico's lock (the route read after it). A replay that comes once the pico turned live here (the source
     * was still replaying when the last held event went out) reopens its routes: the pico's new events queue behind it
     * again until it is delivered, or a call forwarded by the source after its last replay would overtake it.
     */
    private Outcome store(String eci, DeliveryKey key, SkyRequest event) {
        Optional<String> pico = routes.picoOf(eci);
        if (pico.isEmpty()) {
            return Outcome.UNEXPECTED;
        }
        routes.lock(pico.get());
        PicoRoute row = routes.findById(eci).orElse(null);
        if (row == null || !row.takesReplaysOf(key.leaseId())) {
            return Outcome.UNEXPECTED;
        }
        var known = events.findByDeliveryKey(key.toString());
        if (known.isPresent()) {
            return known.get().sameAs(event) ? Outcome.DUPLICATE : Outcome.REUSED;
        }
        events.save(new HeldEvent(row.route(), eci, event, key.toString(), clock.instant()));
        if (row.state() == RouteState.LIVE) {
            table.reopen(pico.get());
        }
        return Outcome.RECEIVED;
    }
}
