package org.picomesh.agent.placement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Placement settings ({@code picomesh.agent.placement.*}).
 *
 * @param probeTimeout how long one probe of a shortlisted engine may take (connect, then the first byte)
 * @param probeTtl how long a measurement of an engine is used before the engine is probed again
 * @param shortlist how many engines, the best by the chain's figures alone, the agent probes before the final ranking
 */
@ConfigurationProperties("picomesh.agent.placement")
record PlacementProperties(
        @DefaultValue("2s") Duration probeTimeout,
        @DefaultValue("30s") Duration probeTtl,
        @DefaultValue("10") int shortlist) {}
