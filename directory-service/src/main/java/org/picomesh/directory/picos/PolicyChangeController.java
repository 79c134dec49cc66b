package org.picomesh.directory.picos;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.picomesh.contracts.PicoDid;
import org.picomesh.directory.chain.ChainIdentity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person gives their pico a new placement policy from the web directory. The browser may talk to this origin only,
 * so the directory carries the policy to the pico's current host; the person's authority is one of the pico's
 * channels (an ECI), which this directory uses once and forgets.
 */
@RestController
class PolicyChangeController {
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    /** The body, as documented (it is read by {@link PolicyChange#read}, which names the field at fault). */
    @Schema(description = "A new policy and the authority to give it")
    record PolicyChangeBody(
            @Schema(description = "one of the pico's channels (ECI), 1 to 64 letters and digits: the capability to "
                    + "send the pico events; used for this request only, never kept or logged",
                    format = "password", requiredMode = Schema.RequiredMode.REQUIRED) String eci,
            @Schema(description = "the placement policy, as /api/schemas/placement-policy.json describes it",
                    requiredMode = Schema.RequiredMode.REQUIRED) Object policy) {}

    private final ChainIdentity chain;
    private final PicoHistory history;
    private final PolicyCourier courier;

    PolicyChangeController(ChainIdentity chain, PicoHistory history, PolicyCourier courier) {
        this.chain = chain;
        this.history = history;
        this.courier = courier;
    }

    @PostMapping(value = "/api/picos/{did}/policy", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Give a pico a new placement policy", description = """
            The policy is checked against the published schema, then sent as the event market/policy_given to the \
            given channel of the pico at its current host (the current lease's engine, at its advertised endpoint), \
            after the channel is shown to open this very pico (its org.picomesh.market names the pico's DID). The \
            answer is the pico's: its agent validated and kept the policy. The host is a stranger: its message is \
            its word, not verified.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PolicyChangeBody.class))))
    @ApiResponse(responseCode = "200", description = "the pico kept the policy", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = PolicyCourier.Passed.class)))
    @ApiResponse(responseCode = "409", description = "the pico has no host now: no active lease, no endpoint, or it is"
            + " moving", content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "422", description = "the host or the pico refused: no pico of the market on this "
            + "channel, a channel of another pico, or a policy its agent refused", content = @Content(
                    mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "502", description = "the host did not answer, or not with the pico's verdict",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "503", description = "too many policies under way at once: try again after "
            + "Retry-After", content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    PolicyCourier.Passed change(@PathVariable String did, @RequestBody(required = false) String body) {
        PicoDid pico = PicoController.onThisChain(did, chain);
        PolicyChange change = PolicyChange.read(body);
        PicoHistory.Stay current = PicoController.current(PicoController.leased(pico, history));
        if (current == null) {
            throw PolicyNotPassedException.noHost("the pico holds no active lease: it has no host to give the policy"
                    + " to");
        }
        return courier.pass(pico, current, change);
    }
}
