package org.picomesh.agent.migration;

import java.util.List;

public record PicoArrived(String pico, List<String> ecis, long leaseId) {}
