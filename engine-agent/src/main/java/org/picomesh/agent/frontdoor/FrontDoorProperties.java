package org.picomesh.agent.frontdoor;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the front door keeps what moves leave behind ({@code picomesh.agent.front-door.*}).
 *
 * @param deliveredRetention how long a delivered held event is kept (its body may be personal data); an event
 *     replayed here under a delivery key is kept at least as long as its route, so that a late replay of the same key
 *     is still recognised and never delivered twice
 * @param routeRetention how long a settled route is kept: a moved pico's route after its grace period (its ECIs are
 *     answered 410 meanwhile, then by the local engine), an arrived or stayed pico's after it turned live (late
 *     replays of its move are recognised meanwhile, then refused)
 * @param purgeInterval how often what is past its retention is deleted
 */
@ConfigurationProperties("picomesh.agent.front-door")
record FrontDoorProperties(
        @DefaultValue("7d") Duration deliveredRetention,
        @DefaultValue("30d") Duration routeRetention,
        @DefaultValue("1h") Duration purgeInterval) {

    FrontDoorProperties {
        if (deliveredRetention.isNegative() || routeRetention.isNegative() || purgeInterval.isNegative()
                || purgeInterval.isZero()) {
            throw new IllegalArgumentException("picomesh.agent.front-door.delivered-retention and route-retention "
                    + "may not be negative, purge-interval must be positive");
        }
    }
}
