package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;

/** Reads the mover ruleset's answers. */
final class PicoJson {
    private PicoJson() {
    }

    /** A {@code picoOf} answer. */
    static Pico pico(JsonNode pico) {
        JsonNode status = pico.path("status");
        String movedTo = status.path("movedToHost").asText("");
        return new Pico(pico.path("id").asText(), pico.path("admin").asText(),
                SnapshotOutline.texts(pico.path("ecis")),
                new PicoStatus(status.path("isLeaving").asBoolean(false),
                        movedTo.isEmpty() || status.path("movedToHost").isNull() ? Optional.empty()
                                : Optional.of(URI.create(movedTo))),
                SnapshotOutline.texts(pico.path("children")), SnapshotOutline.texts(pico.path("installed")));
    }
}
