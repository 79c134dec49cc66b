package org.picomesh.agent.market;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import org.picomesh.agent.LoopbackOnly;
import org.picomesh.agent.picoengine.PicoEngineException;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PolicyDocument;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API of {@code pico enroll} and of {@code pico move} when the agent signs for the pico, answered only to
 * callers on loopback ({@link LoopbackOnly}): it makes the pico sign, so nobody else may ask.
 */
@RestController
class MarketAdminController {
    private static final BigInteger MAX_WEI = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private final MarketEnrolment enrolment;
    private final PolicyLease policyLease;

    MarketAdminController(MarketEnrolment enrolment, PolicyLease policyLease) {
        this.enrolment = enrolment;
        this.policyLease = policyLease;
    }

    record Enrol(String eci) {}

    record Lease(String maxPrice, String deposit) {}

    record MoveTo(Long toEngine, String maxPrice) {}

    @PostMapping("/admin/enrolments")
    Map<String, Object> enrol(@RequestBody Enrol request, HttpServletRequest http) {
        LoopbackOnly.require(http);
        if (request.eci() == null || !request.eci().matches("[A-Za-z0-9]{1,64}")) {
            throw new MarketRefusal(HttpStatus.BAD_REQUEST, "an ECI is 1 to 64 letters and digits");
        }
        return enrolment.enrol(request.eci());
    }

    @PostMapping("/admin/picos/{pico}/lease")
    Map<String, Object> lease(@PathVariable String pico, @RequestBody Lease request, HttpServletRequest http) {
        LoopbackOnly.require(http);
        return enrolment.openLease(address(pico), wei("maxPrice", request.maxPrice()),
                wei("deposit", request.deposit()));
    }

    /** The first lease on the terms of the pico's placement policy (the body): its maximum price and prepaid period. */
    @PostMapping("/admin/picos/{pico}/lease-by-policy")
    Map<String, Object> leaseByPolicy(@PathVariable String pico, @RequestBody(required = false) String policy,
            HttpServletRequest http) {
        LoopbackOnly.require(http);
        try {
            return policyLease.open(address(pico), PolicyDocument.parse(policy));
        } catch (InvalidPolicyException e) {
            throw new MarketRefusal(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @PostMapping("/admin/picos/{pico}/move")
    Map<String, Object> move(@PathVariable String pico, @RequestBody MoveTo request, HttpServletRequest http) {
        LoopbackOnly.require(http);
        if (request.toEngine() == null || request.toEngine() <= 0) {
            throw new MarketRefusal(HttpStatus.BAD_REQUEST, "toEngine: an engine id (1 or more)");
        }
        return enrolment.move(address(pico), request.toEngine(), wei("maxPrice", request.maxPrice()));
    }

    /** The engine did not answer, or lost the pico meanwhile: said as such, never a 500. */
    @ExceptionHandler(PicoEngineException.class)
    ProblemDetail engineFailed(PicoEngineException e) {
        HttpStatus status = e instanceof PicoEngineException.UnknownEci ? HttpStatus.NOT_FOUND
                : HttpStatus.SERVICE_UNAVAILABLE;
        return ProblemDetail.forStatusAndDetail(status, "the pico engine: " + e.getMessage());
    }

    private static String address(String text) {
        if (text == null || !text.matches("0x[0-9a-fA-F]{40}")) {
            throw new MarketRefusal(HttpStatus.BAD_REQUEST, "a pico is named by its address (0x and 40 hex digits)");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static BigInteger wei(String name, String text) {
        if (text == null || !text.matches("[0-9]{1,78}") || new BigInteger(text).compareTo(MAX_WEI) > 0) {
            throw new MarketRefusal(HttpStatus.BAD_REQUEST, name + ": an amount of wei (digits only)");
        }
        return new BigInteger(text);
    }
}
