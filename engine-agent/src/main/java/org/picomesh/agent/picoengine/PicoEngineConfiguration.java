package org.picomesh.agent.picoengine;

import java.time.Duration;
import org.picomesh.agent.AgentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daemon's client of its pico engine for moves; it contacts the engine only when first used. (The bean
 * {@code picoEngine} is the engine's health indicator.)
 */
@Configuration(proxyBeanMethods = false)
class PicoEngineConfiguration {
    /** A 10 MB snapshot exports and imports in about 2 s on loopback (ExportImportTimesIT): a wide margin. */
    static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(2);

    @Bean
    PicoEngine picoEngineClient(AgentProperties properties) {
        return new PicoEngine048(properties.engineUrl(), properties.engineTimeout(), TRANSFER_TIMEOUT);
    }
}
