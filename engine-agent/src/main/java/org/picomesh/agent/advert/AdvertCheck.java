package org.picomesh.agent.advert;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.picomesh.contracts.generated.EngineRegistry;
import org.springframework.stereotype.Component;
import org.web3j.abi.FunctionEncoder;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * An engine's advert as the agent followed it, checked against the hash the registry holds now: what a pico is about
 * to pay for or be told about is the advert in force, not one a directory or an old block claims. The hash is worked
 * out here ({@code keccak256(abi.encode(advert))}, as {@code EngineRegistry.hashAdvert}), so the check costs one read.
 */
@Component
public class AdvertCheck {
    /** The registry's view of the engine and its advert in force, when both agree. */
    public record Checked(EngineRegistry.EngineView engine, EngineRegistry.Advert advert) {}

    /** Why an engine's advert cannot be trusted now. */
    public static final class Mismatch extends Exception {
        Mismatch(String reason) {
            super(reason);
        }
    }

    private final PublishedAdvertRepository adverts;
    private final EngineRegistry registry;

    AdvertCheck(PublishedAdvertRepository adverts, EngineRegistry registry) {
        this.adverts = adverts;
        this.registry = registry;
    }

    /** The engine as the registry holds it now, with its advert checked against the registry's hash. */
    public Checked check(long engineId) throws Mismatch {
        EngineRegistry.EngineView engine;
        try {
            engine = registry.engine(BigInteger.valueOf(engineId)).send();
        } catch (Exception e) {
            throw new Mismatch("engine " + engineId + " is not registered (or the chain cannot be read: "
                    + e.getMessage() + ")");
        }
        Optional<EngineRegistry.Advert> followed = adverts.findFirstByEngineIdOrderByBlockNumberDescLogIndexDesc(
                engineId).map(a -> a.with(a.capacity(), a.latencyMs()));
        if (followed.isEmpty()) {
            throw new Mismatch("no advert of engine " + engineId + " followed yet");
        }
        if (!Arrays.equals(hash(followed.get()), engine.advertHash)) {
            throw new Mismatch("the advert of engine " + engineId + " the agent followed does not hash to "
                    + Numeric.toHexString(engine.advertHash) + ", the registry's (not followed to the head yet?)");
        }
        return new Checked(engine, followed.get());
    }

    /** {@code keccak256(abi.encode(advert))}: the advert is a dynamic tuple, so the encoding starts with its offset. */
    public static byte[] hash(EngineRegistry.Advert advert) {
        return Hash.sha3(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(List.of(advert))));
    }
}
