package org.picomesh.agent.whereabouts;

import jakarta.servlet.http.HttpServletRequest;
import org.picomesh.agent.LoopbackOnly;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** "Where is this pico?" on the agent's loopback admin API, answered from the chain alone ({@link PicoResolver}). */
@RestController
class WhereaboutsController {
    private final PicoResolver resolver;

    WhereaboutsController(ChainConnection chain, EngineRegistry registry, LeaseEscrow escrow, Deployment deployment) {
        this.resolver = new PicoResolver(chain.web3j(), registry, escrow, chain.chainId(),
                deployment.deploymentBlock() == null ? 0 : deployment.deploymentBlock().longValueExact());
    }

    @GetMapping("/admin/whereabouts/{did}")
    Whereabouts where(@PathVariable String did, HttpServletRequest http) throws WhereaboutsException {
        LoopbackOnly.require(http);
        return resolver.resolve(did, step -> {});
    }

    @ExceptionHandler(WhereaboutsException.class)
    ProblemDetail unplaced(WhereaboutsException e) {
        HttpStatus status = switch (e.kind()) {
            case MALFORMED_DID -> HttpStatus.BAD_REQUEST;
            case UNKNOWN_DID, NO_LEASE -> HttpStatus.NOT_FOUND;
            case UNVERIFIED -> HttpStatus.BAD_GATEWAY;
            case CHAIN_UNREADABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setProperty("kind", e.kind().name());
        return problem;
    }
}
