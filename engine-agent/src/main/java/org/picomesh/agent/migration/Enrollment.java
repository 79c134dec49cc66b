package org.picomesh.agent.migration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which picos this agent hosts and what its journal says of them: the migration's public face for enrolment
 * ({@code org.picomesh.agent.market} gives a pico its market key and records it here; the older link of an address
 * the operator names, whose key stays with the pico's owner, comes through {@link AdminController}).
 */
@Component
public class Enrollment {
    private static final Logger log = LoggerFactory.getLogger(Enrollment.class);

    private final HostedPicoRepository picos;
    private final MoveRepository moves;

    Enrollment(HostedPicoRepository picos, MoveRepository moves) {
        this.picos = picos;
        this.moves = moves;
    }

    /**
     * Records that the pico of market address {@code pico} (lower case) lives here under {@code adminEci}, with its
     * lease here if known; enrolling again relinks it.
     */
    @Transactional
    public void enroll(String pico, String adminEci, Long leaseId) {
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

    /** The admin ECI of the pico of market address {@code pico} (lower case) when this agent hosts it. */
    @Transactional(readOnly = true)
    public Optional<String> adminEci(String pico) {
        return picos.findById(pico).map(HostedPico::adminEci);
    }

    /** Whether the pico of market address {@code pico} is hosted here and has never had a lease here. */
    @Transactional(readOnly = true)
    public boolean neverLeased(String pico) {
        return picos.findById(pico).map(p -> p.leaseId() == null).orElse(false);
    }

    /** The market addresses of the picos this agent hosts (or hosted: a moved pico's row stays until relinked). */
    @Transactional(readOnly = true)
    public List<String> hostedPicos() {
        return picos.findAllByOrderByPico().stream().map(HostedPico::pico).toList();
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
