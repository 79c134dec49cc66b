package org.picomesh.agent.migration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which picos this agent hosts ({@code pico enroll}) and what its journal says of them.
 *
 * <p>TODO(issue 12, "a pico joins the market"): the full enroll installs the project's KRL ruleset in the pico and
 * gives it its market key kept in the pico's own state (so that the key travels with it, sealed, and is never readable
 * through its channels), and has the owner fund the pico and open its first lease. This minimal enroll only links an
 * address the operator names to the pico's admin ECI here; the lease and the key are the pico owner's business.
 */
@Component
class Enrollment {
    private static final Logger log = LoggerFactory.getLogger(Enrollment.class);

    private final HostedPicoRepository picos;
    private final MoveRepository moves;

    Enrollment(HostedPicoRepository picos, MoveRepository moves) {
        this.picos = picos;
        this.moves = moves;
    }

    @Transactional
    void enroll(String pico, String adminEci, Long leaseId) {
        picos.findByAdminEci(adminEci).filter(p -> !p.pico().equals(pico)).ifPresent(other -> {
            picos.delete(other);
            picos.flush(); // the admin ECI is unique: the other row goes before this one takes it
        });
        HostedPico hosted = picos.findById(pico).orElse(null);
        if (hosted == null) {
            picos.save(new HostedPico(pico, adminEci, leaseId));
        } else {
            hosted.relink(adminEci, leaseId);
        }
        log.info("pico {} enrolled: admin ECI {}, lease {}", pico, adminEci, leaseId == null ? "none yet" : leaseId);
    }

    @Transactional(readOnly = true)
    Map<String, Object> status(String pico) {
        Map<String, Object> status = new LinkedHashMap<>();
        picos.findById(pico).ifPresentOrElse(p -> {
            status.put("hosted", true);
            status.put("adminEci", p.adminEci());
            status.put("leaseId", p.leaseId());
        }, () -> status.put("hosted", false));
        status.put("moves", moves.findByPicoOrderByIdDesc(pico).stream().map(MoveView::of).toList());
        return status;
    }

    @Transactional(readOnly = true)
    List<MoveView> moves() {
        return moves.findAllByOrderByIdDesc().stream().map(MoveView::of).toList();
    }
}
