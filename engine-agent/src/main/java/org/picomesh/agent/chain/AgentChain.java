package org.picomesh.agent.chain;

import java.time.Duration;
import org.picomesh.agent.AgentProperties;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daemon's chain: the market of the deployment file, signed by the agent (hot) key. */
@Configuration
class AgentChain {
    @Bean
    Deployment deployment(AgentProperties properties) {
        return Deployment.read(properties.deploymentFile());
    }

    /** From the keystore or the environment, unless the application was given one (tests give a dev key). */
    @Bean
    @ConditionalOnMissingBean
    AgentKey agentKey(AgentProperties properties) {
        return new AgentKey(Keys.loadAgent(properties.keystore()));
    }

    @Bean(destroyMethod = "close")
    ChainConnection chainConnection(AgentProperties properties, Deployment deployment, AgentKey key) {
        String rpc = properties.rpcUrl() != null ? properties.rpcUrl() : deployment.rpcUrl();
        Duration poll = deployment.chainId() == 31337 ? Duration.ofMillis(50) : Duration.ofSeconds(1);
        return ChainConnection.open(rpc, key.credentials(), poll);
    }

    @Bean
    EngineRegistry engineRegistry(ChainConnection chain, Deployment deployment) {
        return chain.registry(deployment.registry());
    }

    @Bean
    LeaseEscrow leaseEscrow(ChainConnection chain, Deployment deployment) {
        return chain.escrow(deployment.escrow());
    }
}
