package org.picomesh.agent.operator;

import java.math.BigInteger;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Option;

/** An engine's advert as command-line options, checked here as the registry would before any gas is spent. */
final class AdvertOptions {
    /** The registry keeps prices in 72 bits and capacities in 24. */
    static final BigInteger MAX_PRICE = BigInteger.ONE.shiftLeft(72).subtract(BigInteger.ONE);
    static final long MAX_CAPACITY = (1L << 24) - 1;

    @Option(names = "--endpoint", required = true, paramLabel = "URL",
            description = "the agent's public base URL, http(s): picos and the directory reach the engine through it")
    String endpoint;

    @Option(names = "--did", required = true, description = "the engine's DID")
    String did;

    @Option(names = "--price", required = true, paramLabel = "AMOUNT", converter = Wei.Converter.class,
            description = "price per pico-hour: 0.001eth, 1000000gwei, 1000000000000000wei (a bare number is ether)")
    Wei pricePerHour;

    @Option(names = "--latency", required = true, paramLabel = "MS", description = "advertised latency, in ms")
    long latencyMs;

    @Option(names = "--capacity", required = true, paramLabel = "PICOS", description = "pico slots (1 to 16777215)")
    long capacity;

    @Option(names = "--region", defaultValue = "", description = "region code, such as eu-west")
    String region;

    @Option(names = "--metadata", defaultValue = "", paramLabel = "CID", description = "optional metadata CID")
    String metadataCid;

    @Option(names = "--encryption-key", required = true, paramLabel = "HEX",
            description = "the agent's X25519 public key, 0x and 64 hex digits (from `keys new`): picos' snapshots are "
                    + "encrypted to it")
    String encryptionKey;

    EngineRegistry.Advert toAdvert() {
        Amounts.requireHttpUrl(endpoint);
        if (pricePerHour.value().compareTo(MAX_PRICE) > 0) {
            throw new IllegalArgumentException("--price " + pricePerHour + " is above the registry's limit of "
                    + Amounts.ether(MAX_PRICE) + " (a bare number is ether: write 1000wei for wei)");
        }
        if (latencyMs < 0 || latencyMs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("--latency must be from 0 to 4294967295 ms, not " + latencyMs);
        }
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("--capacity must be from 1 to " + MAX_CAPACITY + " picos, not "
                    + capacity);
        }
        if (encryptionKey == null || !encryptionKey.matches("0x[0-9a-fA-F]{64}") || new BigInteger(
                encryptionKey.substring(2), 16).signum() == 0) {
            throw new IllegalArgumentException("--encryption-key is the agent's X25519 public key: 0x and 64 hex "
                    + "digits (not all zero), as `keys new` prints it");
        }
        return new EngineRegistry.Advert(endpoint, did, pricePerHour.value(), BigInteger.valueOf(latencyMs),
                BigInteger.valueOf(capacity), region, metadataCid, Numeric.hexStringToByteArray(encryptionKey));
    }
}
