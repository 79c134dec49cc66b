package org.picomesh.agent.migration;

import java.net.URI;
import java.util.List;

public record PicoMovedAway(String pico, List<String> ecis, long leaseId, URI to) {}
