package org.picomesh.agent.follow;

import org.picomesh.contracts.ChainConnection;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code chain} component of the agent's health: whether the node answers, its head, and how far behind it the
 * agent's follower is (a lagging follower answers challenges late).
 */
@Component("chain")
class FollowerHealth implements HealthIndicator {
    /** Blocks behind the head past which the agent reports itself down: it could miss a challenge's window. */
    private static final long MAX_LAG = 50;

    private final ChainConnection chain;
    private final FollowState state;

    FollowerHealth(ChainConnection chain, FollowState state) {
        this.chain = chain;
        this.state = state;
    }

    @Override
    public Health health() {
        long head;
        try {
            head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (Exception e) {
            return Health.down().withDetail("node", "does not answer: " + e.getMessage()).build();
        }
        long followed = state.position().map(p -> p.number()).orElse(-1L);
        long lag = followed < 0 ? head : head - followed;
        return (lag > MAX_LAG ? Health.down() : Health.up())
                .withDetail("head", head).withDetail("followed", followed).withDetail("lagBlocks", lag).build();
    }
}
