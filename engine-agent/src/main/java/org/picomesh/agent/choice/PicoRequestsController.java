package org.picomesh.agent.choice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.LoopbackOnly;
import org.picomesh.agent.market.PicoSigner;
import org.picomesh.agent.placement.HostSelection;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a pico's {@code org.picomesh.market} rules ask the agent of their engine, on loopback ({@code http:post} from
 * the engine): to validate a policy, to move it, where it would go, to enrol it. Each answer is JSON the rule puts in
 * its directive. Nothing here trusts the body beyond a pico's name: a request to move is decided from the pico's own
 * policy, read from the pico; a ranking is computed for whatever policy is given (public data, nothing to protect).
 * Work that sends the pico events (a decision, its key) runs after the answer: the pico waits for this answer.
 */
@RestController
class PicoRequestsController {
    private static final Logger log = LoggerFactory.getLogger(PicoRequestsController.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HostSelection selection;
    private final PlacementSchedule schedule;
    private final PicoPlacementState state;
    private final PicoSigner signer;
    private final long engineId;
    private final ExecutorService joins = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "market-join");
        thread.setDaemon(true);
        return thread;
    });

    PicoRequestsController(HostSelection selection, PlacementSchedule schedule, PicoPlacementState state,
            PicoSigner signer, AgentProperties properties) {
        this.selection = selection;
        this.schedule = schedule;
        this.state = state;
        this.signer = signer;
        this.engineId = properties.engineId();
    }

    /** {@code policy}: the document, as text or as JSON. */
    record PolicyText(Object policy) {
        String text() {
            return policy == null ? null : policy instanceof String text ? text : PicoPlacementState.json(policy);
        }
    }

    @PostMapping("/admin/market/policy-check")
    Map<String, Object> check(@RequestBody PolicyText request, HttpServletRequest http) {
        LoopbackOnly.require(http);
        String text = request.text();
        if (text == null || text.isBlank()) {
            return Map.of("valid", false, "message", "no policy given (attribute policy)");
        }
        try {
            PolicyDocument.parse(text);
            return Map.of("valid", true, "message", "policy kept");
        } catch (InvalidPolicyException e) {
            return Map.of("valid", false, "message", e.getMessage() + "; the previous policy is kept", "problems",
                    e.problems());
        }
    }

    record MoveRequest(String did, String to) {}

    @PostMapping("/admin/market/move-requests")
    Map<String, Object> move(@RequestBody MoveRequest request, HttpServletRequest http) {
        LoopbackOnly.require(http);
        String address = PicoPlacementState.address(request.did());
        if (address == null) {
            return Map.of("accepted", false, "message", "the pico is not enrolled in the market (no DID)");
        }
        Long to = request.to() != null && request.to().matches("[0-9]{1,18}") ? Long.valueOf(request.to()) : null;
        schedule.requested(address, to);
        return Map.of("accepted", true, "message", "the agent of engine " + engineId + " evaluates the pico's "
                + "policy now; its decision will be in the pico's decisions");
    }

    record WhereRequest(String did, String policy) {}

    @PostMapping("/admin/market/where")
    Object where(@RequestBody WhereRequest request, HttpServletRequest http) {
        LoopbackOnly.require(http);
        String text = request.policy() == null || request.policy().equals("null") ? null : request.policy();
        PlacementPolicy policy;
        JsonNode document;
        try {
            policy = PolicyDocument.parse(text);
            document = text == null ? null : JSON.readTree(text);
        } catch (InvalidPolicyException | JsonProcessingException e) {
            return Map.of("message", e.getMessage());
        }
        // as the scheduled evaluation chooses: the directory's ranking when it answers, else the chain's
        return selection.choose(policy.withCurrentEngine(engineId), PolicyWithHost.document(document, engineId), true);
    }

    record JoinRequest(String eci, Object policy) {}

    @PostMapping("/admin/market/join-requests")
    Map<String, Object> join(@RequestBody JoinRequest request, HttpServletRequest http) {
        LoopbackOnly.require(http);
        if (request.eci() == null || !request.eci().matches("[A-Za-z0-9]{1,64}")) {
            throw refusal("an ECI is 1 to 64 letters and digits");
        }
        String policy = new PolicyText(request.policy()).text();
        if (policy != null && !policy.isBlank()) {
            try {
                PolicyDocument.parse(policy);
            } catch (InvalidPolicyException e) {
                return Map.of("accepted", false, "message", e.getMessage() + "; not enrolled");
            }
        }
        joins.execute(() -> enrol(request.eci(), policy));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", true);
        answer.put("message", "the agent of engine " + engineId + " enrols the pico now: its address and DID will be "
                + "shared by its functions address and did; its owner funds that account");
        return answer;
    }

    private void enrol(String eci, String policy) {
        try {
            String address = signer.enrol(eci);
            if (policy != null && !policy.isBlank()) {
                state.find(address).ifPresent(pico -> state.give(pico, policy));
            }
            log.info("pico {} joined the market at its own request", address);
        } catch (RuntimeException e) {
            log.warn("the pico under ECI {} asked to join the market but was not enrolled: {}", eci, e.getMessage());
        }
    }

    private static ErrorResponseException refusal(String detail) {
        ErrorResponseException refused = new ErrorResponseException(HttpStatus.BAD_REQUEST);
        refused.setDetail(detail);
        return refused;
    }
}
