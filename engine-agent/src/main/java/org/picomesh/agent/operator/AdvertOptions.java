package org.picomesh.agent.operator;

import java.math.BigInteger;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Option;

/** An engine's advert as command-line options; the registry checks lengths and bounds. */
final class AdvertOptions {
    @Option(names = "--endpoint", required = true, paramLabel = "URL", description = "the engine's base URL, http(s)")
    String endpoint;

    @Option(names = "--did", required = true, description = "the engine's DID")
    String did;

    @Option(names = "--price", required = true, paramLabel = "WEI", description = "price per pico-hour, in wei")
    BigInteger pricePerHour;

    @Option(names = "--latency", required = true, paramLabel = "MS", description = "advertised latency, in ms")
    long latencyMs;

    @Option(names = "--capacity", required = true, paramLabel = "PICOS", description = "pico slots (> 0)")
    long capacity;

    @Option(names = "--region", defaultValue = "", description = "region code, such as eu-west")
    String region;

    @Option(names = "--metadata", defaultValue = "", paramLabel = "CID", description = "optional metadata CID")
    String metadataCid;

    @Option(names = "--encryption-key", required = true, paramLabel = "HEX",
            description = "the agent's X25519 public key, 0x and 64 hex digits: picos' snapshots are encrypted to it")
    String encryptionKey;

    EngineRegistry.Advert toAdvert() {
        Amounts.requireHttpUrl(endpoint);
        if (pricePerHour.signum() < 0 || latencyMs < 0 || capacity < 0 || capacity > 0xFFFF_FFFFL || latencyMs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("price, latency and capacity must be non-negative (latency and capacity below 2^32)");
        }
        if (encryptionKey == null || !encryptionKey.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("--encryption-key is the agent's X25519 public key: 0x and 64 hex digits");
        }
        return new EngineRegistry.Advert(endpoint, did, pricePerHour, BigInteger.valueOf(latencyMs),
                BigInteger.valueOf(capacity), region, metadataCid, Numeric.hexStringToByteArray(encryptionKey));
    }
}
