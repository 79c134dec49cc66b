package org.picomesh.agent.placement;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The directory a pico's selection asks first ({@code picomesh.agent.directory.*}): a convenience, never an authority.
 *
 * @param url the directory's base URL; unset: selection is made from the chain alone
 * @param timeout how long one request to it may take
 * @param attempts how many requests before the agent chooses from the chain instead
 * @param backoff the pause before the second request (doubled for each one after)
 */
@ConfigurationProperties("picomesh.agent.directory")
record DirectoryProperties(
        URI url,
        @DefaultValue("3s") Duration timeout,
        @DefaultValue("2") int attempts,
        @DefaultValue("200ms") Duration backoff) {}
