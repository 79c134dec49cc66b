package org.picomesh.agent.choice;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pico's own placement ({@code picomesh.agent.placement.*}, beside the selection's settings).
 *
 * @param interval how often every hosted pico with a policy is evaluated
 * @param auto whether the agent evaluates them at all (a request of the pico itself is always answered)
 */
@ConfigurationProperties("picomesh.agent.placement")
record AutoPlacementProperties(@DefaultValue("30s") Duration interval, @DefaultValue("true") boolean auto) {}
