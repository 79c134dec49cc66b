package org.picomesh.agent.advert;

import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.follow.MarketListener;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.picomesh.contracts.follow.MarketEvent.AdvertPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every engine's adverts as the chain published them, followed like every other event (so a reorganisation forgets
 * those of dropped blocks): an engine's last one is its advert in force. The agent re-publishes its own engine's with
 * only what it keeps truthful changed; a move reads another engine's endpoint and snapshot key ({@link #advertised}).
 * The strings were written by whoever held the operator or agent key and are kept byte for byte; an advert PostgreSQL
 * cannot store (a NUL character) is skipped, so the agent finds no advert it could re-publish faithfully and leaves
 * the engine's advert alone.
 */
@Component
public class AdvertBook implements MarketListener {
    private static final Logger log = LoggerFactory.getLogger(AdvertBook.class);

    private final PublishedAdvertRepository adverts;
    private final long engineId;

    AdvertBook(PublishedAdvertRepository adverts, AgentProperties properties) {
        this.adverts = adverts;
        this.engineId = properties.engineId();
    }

    @Override
    public void apply(Located<MarketEvent> located) {
        if (located.event() instanceof AdvertPublished advert) {
            if (storable(advert)) {
                adverts.save(new PublishedAdvert(advert, located.blockNumber(), located.logIndex()));
            } else {
                log.warn("the advert of engine {} published at block {} holds a NUL character: not kept",
                        advert.engineId(), located.blockNumber());
            }
        }
    }

    @Override
    public void rewind(long block) {
        adverts.deletePublishedAfter(block);
    }

    /** This agent's engine's advert in force, as far as the agent has followed the chain. */
    @Transactional(readOnly = true)
    Optional<PublishedAdvert> current() {
        return adverts.findFirstByEngineIdOrderByBlockNumberDescLogIndexDesc(engineId);
    }

    /** An engine's advertised endpoint and snapshot key, as strings from a stranger: check them before use. */
    public record Advertised(String endpoint, String encryptionKey) {}

    /** An engine's advert in force (its endpoint and key), as far as the agent has followed the chain. */
    @Transactional(readOnly = true)
    public Optional<Advertised> advertised(long engineId) {
        return adverts.findFirstByEngineIdOrderByBlockNumberDescLogIndexDesc(engineId)
                .map(a -> new Advertised(a.endpoint(), a.encryptionKey()));
    }

    private static boolean storable(AdvertPublished a) {
        return String.join("", a.endpoint(), a.did(), a.region(), a.metadataCid()).indexOf('\0') < 0;
    }
}
