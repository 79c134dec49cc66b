package org.picomesh.agent.migration;

import java.util.List;

public record PicoLeaving(String pico, List<String> ecis, long leaseId) {}
