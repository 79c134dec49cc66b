package org.picomesh.contracts.devnet;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/** Realistic adverts and pico accounts for benchmarks, demos and tests. */
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
                "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
                encryptionKey(n));
    }

    /**
     * A stand-in for agent {@code n}'s X25519 public key (32 bytes, never zero). Only sample engines use it: a real
     * agent advertises the public half of its own key.
     */
    public static byte[] encryptionKey(int n) {
        return Hash.sha3(("picomesh sample agent key " + n).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The account of sample pico {@code n}, derived from a public string: for dev chains, benchmarks and tests only
     * (fund it on anvil with {@code anvil_setBalance}).
     */
    public static Credentials pico(int n) {
        return Credentials.create(org.web3j.utils.Numeric.toHexString(
                Hash.sha3(("picomesh sample pico " + n).getBytes(StandardCharsets.UTF_8))));
    }
}
