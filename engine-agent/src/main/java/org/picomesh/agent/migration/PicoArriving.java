package org.picomesh.agent.migration;

import java.util.List;

public record PicoArriving(String pico, List<String> ecis, long leaseId) {}
