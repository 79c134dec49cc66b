package org.picomesh.agent.chain;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.picomesh.agent.AgentProperties;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daemon's chain: the market of the deployment file, signed by the agent (hot) key. */
@Configuration
@EnableConfigurationProperties(SenderProperties.class)
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
        return ChainConnection.open(rpc, key.credentials(), poll(deployment));
    }

    /** Every transaction of the daemon goes through this one sender: one nonce sequence for the key. */
    @Bean
    AgentSender agentSender(ChainConnection chain, AgentKey key, Deployment deployment, SenderProperties settings,
            MeterRegistry meters) {
        return new AgentSender(chain.web3j(), key.credentials(), chain.chainId(), settings, poll(deployment), meters);
    }

    @Bean
    EngineRegistry engineRegistry(ChainConnection chain, Deployment deployment) {
        return chain.registry(deployment.registry());
    }

    @Bean
    LeaseEscrow leaseEscrow(ChainConnection chain, Deployment deployment) {
        return chain.escrow(deployment.escrow());
    }

    private static Duration poll(Deployment deployment) {
        return deployment.chainId() == 31337 ? Duration.ofMillis(50) : Duration.ofSeconds(1);
    }
}
