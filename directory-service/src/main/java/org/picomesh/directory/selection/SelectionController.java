package org.picomesh.directory.selection;

import java.util.Set;
import org.picomesh.contracts.placement.InvalidPolicyException;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.PolicyDocument;
import org.picomesh.contracts.placement.Ranking;
import org.picomesh.directory.api.BadRequestException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where should this pico live? Ranked candidates with each factor's share, and the excluded with reasons: the shared
 * {@link Ranking} over this directory's index and probes, so an agent ranking from the chain agrees with it.
 */
@RestController
class SelectionController {
    private final CandidateSnapshot candidates;

    SelectionController(CandidateSnapshot candidates) {
        this.candidates = candidates;
    }

    @PostMapping(value = "/api/select", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Ranking.Result select(@RequestBody(required = false) String body) {
        PlacementPolicy policy;
        try {
            policy = PolicyDocument.parse(body);
        } catch (InvalidPolicyException e) {
            throw new BadRequestException(e.getMessage());
        }
        return Ranking.select(candidates.engines(), policy, this::trusted);
    }

    /** The placement policy's JSON Schema, as the directory and every agent validate policies by. */
    @GetMapping(value = "/api/schemas/placement-policy.json", produces = "application/schema+json")
    String policySchema() {
        return PolicyDocument.schema();
    }

    private Set<Long> trusted(long listId) {
        return candidates.trusted(listId);
    }
}
