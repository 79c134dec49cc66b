package org.picomesh.agent.picoengine;

import java.net.URI;
import java.util.Optional;

/**
 * The engine's status record of a pico.
 *
 * @param leaving the engine refuses its events and queries (410)
 * @param movedTo the host the engine redirects its callers to (302), when it has moved
 */
public record PicoStatus(boolean leaving, Optional<URI> movedTo) {

    public static final PicoStatus LIVE = new PicoStatus(false, Optional.empty());

    /** Whether the engine runs the pico's events and queries. */
    public boolean live() {
        return !leaving && movedTo.isEmpty();
    }
}
