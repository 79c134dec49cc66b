package org.picomesh.contracts.devnet;

import java.math.BigInteger;
import org.picomesh.contracts.generated.EngineRegistry;

/** Realistic adverts and pico DIDs for benchmarks, demos and tests. */
public final class SampleAdverts {
    private static final String[] REGIONS = {"eu-west", "us-east", "ap-south", "sa-east"};

    private SampleAdverts() {}

    /** Advert number {@code n}: its own host, price, latency, capacity and region. */
    public static EngineRegistry.Advert advert(int n) {
        return advert("https://engine-" + n + ".picomesh.example:8443", n, 20);
    }

    /** An advert for the given endpoint. */
    public static EngineRegistry.Advert advert(String endpoint, int n, int capacity) {
        return new EngineRegistry.Advert(
                endpoint,
                "did:web:engine-" + n + ".picomesh.example",
                BigInteger.valueOf(1_000_000_000_000_000L).multiply(BigInteger.valueOf(n)),
                BigInteger.valueOf(15L + 10L * n),
                BigInteger.valueOf(capacity),
                REGIONS[n % REGIONS.length],
                "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    }

    /** A did:key-shaped DID for pico number {@code n}. */
    public static String picoDid(int n) {
        return String.format("did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvk%02d", n);
    }
}
