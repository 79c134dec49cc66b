package org.picomesh.directory.chain;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

@Configuration
@EnableConfigurationProperties(ChainProperties.class)
class ChainConfiguration {
    @Bean
    MarketContracts marketContracts(ChainProperties properties) {
        return MarketContracts.resolve(properties);
    }

    @Bean(destroyMethod = "shutdown")
    Web3j web3j(MarketContracts market, ChainProperties properties) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "web3j");
            thread.setDaemon(true);
            return thread;
        });
        return Web3j.build(new HttpService(market.rpcUrl()), properties.pollInterval().toMillis(), scheduler);
    }
}
