package org.picomesh.agent.choice;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.picomesh.agent.LoopbackOnly;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code engine-agent pico policy} on the loopback admin API: a hosted pico's policy (named by its ECI, DID or
 * address) set after validation, or shown with its decisions. A malformed policy is a 400 naming each wrong field,
 * and the pico keeps the policy it had.
 */
@RestController
class PolicyAdminController {
    private final PicoPlacementState state;

    PolicyAdminController(PicoPlacementState state) {
        this.state = state;
    }

    @PutMapping("/admin/policies/{pico}")
    Map<String, Object> give(@PathVariable String pico, @RequestBody(required = false) String policy,
            HttpServletRequest http) {
        LoopbackOnly.require(http);
        Pico found = hosted(pico);
        state.give(found, policy);
        return show(found);
    }

    @GetMapping("/admin/policies/{pico}")
    Map<String, Object> show(@PathVariable String pico, HttpServletRequest http) {
        LoopbackOnly.require(http);
        return show(hosted(pico));
    }

    @ExceptionHandler(InvalidPolicyException.class)
    ProblemDetail invalid(InvalidPolicyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()
                + "; the pico keeps its previous policy");
        problem.setProperty("problems", e.problems());
        return problem;
    }

    private Map<String, Object> show(Pico pico) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("adminEci", pico.adminEci());
        answer.put("policy", state.policyDocument(pico));
        answer.put("decisions", state.decisions(pico));
        return answer;
    }

    private Pico hosted(String name) {
        return state.find(name).orElseThrow(() -> {
            ErrorResponseException missing = new ErrorResponseException(HttpStatus.NOT_FOUND);
            missing.setDetail("no pico on this engine is named " + (name.length() > 80 ? name.substring(0, 80)
                    : name) + " (an ECI it holds, or the DID or address of a pico enrolled here)");
            return missing;
        });
    }
}
