package org.picomesh.agent.choice;

import java.util.LinkedHashMap;
import java.util.Map;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngineException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public read of a pico hosted here, on the front door (the directory and its web page read it):
 * {@code {"did", "policy" (the document or null), "decisions": [{"at", "kind", "from", "to", "reason", "source"}]}}, newest
 * first; 404 for a pico not hosted here; 503 with Retry-After while it is leaving or moving here (its engine holds
 * its queries then), never a 500. Both are facts the pico shares anyway.
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
                : state.find(address).filter(p -> p.status().movedTo().isEmpty()).orElse(null);
        if (pico == null) {
            ErrorResponseException missing = new ErrorResponseException(HttpStatus.NOT_FOUND);
            missing.setDetail("no pico with this DID is hosted here");
            throw missing;
        }
        if (pico.status().leaving()) {
            throw moving("the pico is moving (leaving this host or arriving): ask again in a moment");
        }
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("did", did);
            answer.put("policy", state.policyDocument(pico));
            answer.put("decisions", state.decisions(pico));
            return answer;
        } catch (PicoEngineException e) {
            // the pico began to leave between the two reads, or its engine did not answer: both pass
            throw moving("the pico cannot answer now (it is moving, or its engine is busy): ask again in a moment");
        }
    }

    private static ErrorResponseException moving(String detail) {
        ErrorResponseException busy = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE);
        busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "2");
        busy.setDetail(detail);
        return busy;
    }
}
