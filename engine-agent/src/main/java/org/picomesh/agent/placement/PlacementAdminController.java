package org.picomesh.agent.placement;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Where would I go, and why?" on the agent's loopback admin API: the ranked candidates and the reasons every other
 * engine is excluded, chosen from the chain and the agent's probes alone (the directory is not asked).
 */
@RestController
class PlacementAdminController {
    private final ChainSelection selection;

    PlacementAdminController(ChainSelection selection) {
        this.selection = selection;
    }

    @PostMapping("/admin/placement/where-to")
    ChainSelection.Where whereTo(@RequestBody(required = false) String policy,
            @RequestParam(defaultValue = "true") boolean probe, HttpServletRequest http) {
        loopbackOnly(http);
        PlacementPolicy parsed;
        try {
            parsed = PolicyDocument.parse(policy);
        } catch (InvalidPolicyException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return selection.select(parsed, probe);
    }

    /** The placement policy's JSON Schema, as this agent validates policies by. */
    @GetMapping(value = "/admin/placement/policy-schema.json", produces = "application/schema+json")
    String schema(HttpServletRequest http) {
        loopbackOnly(http);
        return PolicyDocument.schema();
    }

    private static void loopbackOnly(HttpServletRequest http) {
        try {
            if (!InetAddress.getByName(http.getRemoteAddr()).isLoopbackAddress()) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the admin API answers on loopback only");
            }
        } catch (UnknownHostException e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the admin API answers on loopback only");
        }
    }
}
