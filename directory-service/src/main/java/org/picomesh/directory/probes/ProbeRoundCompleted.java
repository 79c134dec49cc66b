package org.picomesh.directory.probes;

import java.time.Duration;

/**
 * Published when a round of probes has been measured and written: how many engines it probed, how many answered,
 * and how long it took from its start to its last batch written.
 */
public record ProbeRoundCompleted(int engines, int answered, Duration took) {}
