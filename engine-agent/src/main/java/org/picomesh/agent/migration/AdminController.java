package org.picomesh.agent.migration;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.LoopbackOnly;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's admin API for the {@code pico} commands, answered only to callers on loopback (the operator's own
 * machine; a reverse proxy on the same host would make every caller look local: keep {@code /admin} out of it):
 * enroll a pico, show a pico's journal, list the moves.
 */
@RestController
class AdminController {
    private final PicoEngine engine;
    private final MoveChain chain;
    private final Enrollment enrollment;
    private final long engineId;

    AdminController(PicoEngine engine, MoveChain chain, Enrollment enrollment, AgentProperties properties) {
        this.engine = engine;
        this.chain = chain;
        this.enrollment = enrollment;
        this.engineId = properties.engineId();
    }

    record Enroll(String eci, String pico) {}

    /** Links a pico's market address to its admin ECI here, with its lease here if the chain has one. */
    @PostMapping("/admin/picos")
    Map<String, Object> enroll(@RequestBody Enroll request, HttpServletRequest http) {
        loopbackOnly(http);
        String pico = address(request.pico());
        Pico found = engine.find(request.eci() == null ? "" : request.eci()).orElseThrow(() -> OfferController
                .problem(HttpStatus.NOT_FOUND, "no pico on this engine holds ECI " + request.eci()));
        Long leaseId;
        try {
            var lease = chain.currentLease(pico);
            leaseId = lease.active && lease.engineId.longValue() == engineId ? lease.id.longValueExact() : null;
        } catch (MoveFailure e) {
            throw OfferController.problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
        enrollment.enroll(pico, found.adminEci(), leaseId);
        return Map.of("pico", pico, "adminEci", found.adminEci(), "leaseId", leaseId == null ? "none" : leaseId);
    }

    @GetMapping("/admin/picos/{pico}")
    Map<String, Object> pico(@PathVariable String pico, HttpServletRequest http) {
        loopbackOnly(http);
        return enrollment.status(address(pico));
    }

    @GetMapping("/admin/moves")
    List<MoveView> moves(HttpServletRequest http) {
        loopbackOnly(http);
        return enrollment.moves();
    }

    private static String address(String text) {
        if (text == null || !text.matches("0x[0-9a-fA-F]{40}")) {
            throw OfferController.problem(HttpStatus.BAD_REQUEST, "a pico is named by its address (0x and 40 hex "
                    + "digits), not " + Reasons.clean(text));
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static void loopbackOnly(HttpServletRequest http) {
        LoopbackOnly.require(http);
    }
}
