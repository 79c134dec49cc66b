package org.picomesh.agent.market;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.picoengine.PicoEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells this engine's copy of {@code org.picomesh.market} where the agent is: its loopback URL and its engine id, kept
 * in the ruleset's app variables (installed on the root pico, which only the agent reaches). App variables stay on
 * the engine: a pico that moves in reaches its new agent, never the old one. Done at start and again until it worked
 * ({@link #ensure}), as the engine may not have answered at first.
 */
@Component
public class AgentLink {
    private static final Logger log = LoggerFactory.getLogger(AgentLink.class);

    private final PicoEngine engine;
    private final Environment environment;
    private final long engineId;
    private final AtomicBoolean linked = new AtomicBoolean();

    AgentLink(PicoEngine engine, Environment environment, AgentProperties properties) {
        this.engine = engine;
        this.environment = environment;
        this.engineId = properties.engineId();
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        ensure();
    }

    /**
     * Gives the engine the agent's URL unless done since the agent started; whether it is done. One at a time (the start
     * and the first scheduled round may both call it): two registrations of one ruleset at once seemed to leave
     * 0.48.1 without the ruleset's rules in picos that installed it afterwards.
     */
    public synchronized boolean ensure() {
        if (linked.get()) {
            return true;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port"));
        if (port == null) {
            return false;
        }
        try {
            var root = engine.root();
            engine.install(root, MarketRuleset.RID, MarketRuleset.source());
            engine.signal(root, MarketRuleset.DOMAIN, "agent_given", Map.of("url", "http://127.0.0.1:" + port,
                    "engine_id", Long.toString(engineId)));
            linked.set(true);
            log.info("the engine's market ruleset reaches this agent at http://127.0.0.1:{}", port);
        } catch (PicoEngineException e) {
            log.warn("could not give the engine this agent's URL yet: {}", e.getMessage());
        }
        return linked.get();
    }
}
