package org.picomesh.agent.choice;

import java.util.LinkedHashMap;
import java.util.Map;
import org.picomesh.agent.picoengine.Pico;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public read of a pico hosted here, on the front door (the directory and its web page read it):
 * {@code {"did", "policy" (the document or null), "decisions": [{"at", "kind", "from", "to", "reason"}]}}, newest
 * first; 404 for a pico not hosted (live) here. Both are facts the pico shares anyway.
 */
@RestController
class PicoPageController {
    private final PicoPlacementState state;

    PicoPageController(PicoPlacementState state) {
        this.state = state;
    }

    @GetMapping("/picomesh/picos/{did}")
    Map<String, Object> pico(@PathVariable String did) {
        String address = PicoPlacementState.address(did);
        Pico pico = address == null || !did.startsWith("did:") ? null
                : state.find(address).filter(p -> p.status().live()).orElse(null);
        if (pico == null) {
            ErrorResponseException missing = new ErrorResponseException(HttpStatus.NOT_FOUND);
            missing.setDetail("no pico with this DID is hosted here");
            throw missing;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("did", did);
        answer.put("policy", state.policyDocument(pico));
        answer.put("decisions", state.decisions(pico));
        return answer;
    }
}
