package org.picomesh.agent.placement;

import jakarta.servlet.http.HttpServletRequest;
import org.picomesh.agent.LoopbackOnly;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Which engine, then?" on the loopback admin API: the directory's ranking when it answers, the chain's otherwise,
 * and the engine chosen after the chain re-checked it ({@link HostSelection}).
 */
@RestController
class HostChoiceController {
    private final HostSelection selection;

    HostChoiceController(HostSelection selection) {
        this.selection = selection;
    }

    @PostMapping("/admin/placement/choose")
    HostSelection.Choice choose(@RequestBody(required = false) String policy,
            @RequestParam(defaultValue = "true") boolean probe, HttpServletRequest http) {
        LoopbackOnly.require(http);
        PlacementPolicy parsed;
        try {
            parsed = PolicyDocument.parse(policy);
        } catch (InvalidPolicyException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return selection.choose(parsed, policy, probe);
    }
}
