package org.picomesh.agent.follow;

import org.picomesh.agent.AgentProperties;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.follow.FollowSettings;
import org.picomesh.contracts.follow.LogFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agent's log follower over the market's contracts, its block hashes kept in the agent's database. */
@Configuration
class FollowerConfiguration {
    @Bean
    LogFollower logFollower(ChainConnection chain, Deployment deployment, AgentProperties properties, FollowState state) {
        return new LogFollower(chain.web3j(), FollowSettings.of(deployment, properties.confirmations()), state::knownHash);
    }
}
