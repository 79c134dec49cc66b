package org.picomesh.contracts.devnet;

import java.math.BigInteger;
import org.picomesh.contracts.generated.EngineRegistry;

/** The longest advert the registry takes: every string at its length limit, for the gas bench's upper bound. */
final class LongestAdvert {
    private LongestAdvert() {}

    static EngineRegistry.Advert of(int n) {
        EngineRegistry.Advert typical = SampleAdverts.advert(n);
        return new EngineRegistry.Advert(
                fill("https://engine-" + n + ".picomesh.example/", 256),
                fill("did:web:engine-" + n + ".picomesh.example:", 256),
                typical.pricePerHour,
                typical.latencyMs,
                BigInteger.valueOf(16_777_215),
                fill("region-", 32),
                fill("bafkrei", 128),
                typical.encryptionKey);
    }

    private static String fill(String prefix, int length) {
        return prefix + "x".repeat(length - prefix.length());
    }
}
