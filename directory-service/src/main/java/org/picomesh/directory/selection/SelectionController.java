package org.picomesh.directory.selection;

import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Where should this pico live? Ranked candidates with each factor's share, and the excluded with reasons. */
@RestController
class SelectionController {
    private final CandidateSnapshot candidates;

    SelectionController(CandidateSnapshot candidates) {
        this.candidates = candidates;
    }

    @PostMapping("/api/select")
    Selector.Result select(@RequestBody(required = false) PlacementPolicy policy) {
        PlacementPolicy valid = (policy == null ? new PlacementPolicy(null, null, null, null, null, null) : policy).validated();
        Long list = valid.constraints().trustList();
        Set<Long> trusted = list == null ? null : candidates.trusted(list);
        return Selector.select(candidates.engines(), valid, Constraints.of(valid.constraints(), trusted));
    }
}
