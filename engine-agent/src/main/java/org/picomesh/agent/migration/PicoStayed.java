package org.picomesh.agent.migration;

import java.util.List;

public record PicoStayed(String pico, List<String> ecis, long leaseId, String reason) {}
