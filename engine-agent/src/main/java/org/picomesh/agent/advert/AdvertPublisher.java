package org.picomesh.agent.advert;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.AgentSender;
import org.picomesh.agent.chain.Outgoing;
import org.picomesh.contracts.generated.EngineRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.web3j.utils.Numeric;

/**
 * Sends the agent's advert updates ({@code updateAdvert}, signed by the agent key), and only over the advert in force:
 * the registry's advert hash must be the hash of the advert the agent followed (else the operator or a reorganisation
 * changed it and the follower has not caught up: the next check decides again), and that advert, re-encoded from the
 * agent's database, must hash to it (else a string did not survive the round trip and re-publishing it would change
 * it). The one place the advert's transactions are sent, through the agent's one sender (nonces, gas bumps).
 */
@Component
class AdvertPublisher {
    private static final Logger log = LoggerFactory.getLogger(AdvertPublisher.class);

    private final EngineRegistry registry;
    private final AgentSender sender;
    private final BigInteger engineId;

    AdvertPublisher(EngineRegistry registry, AgentSender sender, AgentProperties properties) {
        this.registry = registry;
        this.sender = sender;
        this.engineId = BigInteger.valueOf(properties.engineId());
    }

    /** Replaces {@code inForce} with {@code next}: the transaction's hash, or nothing when the chain moved on. */
    Optional<String> publish(PublishedAdvert inForce, EngineRegistry.Advert next) throws Exception {
        byte[] onChain = registry.engine(engineId).send().advertHash;
        if (!Arrays.equals(onChain, Numeric.hexStringToByteArray(inForce.advertHash()))) {
            log.debug("the registry holds an advert the agent has not followed yet: not updating it now");
            return Optional.empty();
        }
        byte[] reencoded = registry.hashAdvert(inForce.with(inForce.capacity(), inForce.latencyMs())).send();
        if (!Arrays.equals(onChain, reencoded)) {
            log.warn("the engine's advert does not survive a round trip through the agent's database (a string the "
                    + "agent cannot keep byte for byte): not re-publishing it");
            return Optional.empty();
        }
        return Optional.of(sender.send(new Outgoing("advert", "engine " + engineId, registry.getContractAddress(),
                registry.updateAdvert(engineId, next).encodeFunctionCall())).getTransactionHash());
    }
}
