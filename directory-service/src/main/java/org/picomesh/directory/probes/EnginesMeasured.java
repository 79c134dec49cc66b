package org.picomesh.directory.probes;

import java.util.Set;

/**
 * Published within the transaction that wrote a batch of probes: the engines whose measured figures (those lists
 * filter and sort on) were just recomputed. Listeners that keep copies act after it commits.
 */
public record EnginesMeasured(Set<Long> engines) {}
