package org.picomesh.agent.placement;

import java.util.List;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.endpoint.AddressResolver;
import org.picomesh.contracts.endpoint.EndpointGuard;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which advertised endpoints the agent's probes may reach ({@code picomesh.agent.placement.guard.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProbeGuardConfiguration.GuardProperties.class)
class ProbeGuardConfiguration {
    static final long DEV_CHAIN = 31337;

    /**
     * @param allowLoopback probe engines on 127.0.0.0/8 and ::1; unset: only on the dev chain (id 31337), whose
     *     engines listen there
     * @param deniedRanges address ranges never probed (CIDR); a denied range wins over the loopback allowance
     */
    @ConfigurationProperties("picomesh.agent.placement.guard")
    record GuardProperties(Boolean allowLoopback, List<String> deniedRanges) {}

    @Bean
    EndpointGuard endpointGuard(GuardProperties properties, ChainConnection chain) {
        boolean loopback = properties.allowLoopback() != null ? properties.allowLoopback()
                : chain.chainId() == DEV_CHAIN;
        List<String> denied = properties.deniedRanges() != null ? properties.deniedRanges() : EndpointGuard.DENIED;
        LoggerFactory.getLogger(ProbeGuardConfiguration.class).info("placement probes: loopback {}, {} denied ranges",
                loopback ? "allowed" : "refused", denied.size());
        return new EndpointGuard(denied, loopback, AddressResolver.SYSTEM);
    }
}
