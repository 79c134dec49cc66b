package org.picomesh.agent.advert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import org.picomesh.contracts.follow.MarketEvent.AdvertPublished;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.utils.Numeric;

/**
 * One engine's advert as the chain published it ({@code AdvertPublished}): the registry keeps only its hash, so these
 * fields are the only way to re-publish it with one number changed and every other field unchanged, and the only
 * place a move finds another engine's endpoint and snapshot key.
 */
@Entity
@Table(name = "market_advert")
@IdClass(PublishedAdvert.Position.class)
class PublishedAdvert {
    @Id
    @Column(name = "block_number")
    private long blockNumber;
    @Id
    @Column(name = "log_index")
    private int logIndex;
    @Column(name = "engine_id")
    private long engineId;
    @Column(name = "advert_hash")
    private String advertHash;
    private String endpoint;
    private String did;
    @Column(name = "price_per_hour")
    private BigDecimal pricePerHour;
    @Column(name = "latency_ms")
    private long latencyMs;
    private long capacity;
    private String region;
    @Column(name = "metadata_cid")
    private String metadataCid;
    @Column(name = "encryption_key")
    private String encryptionKey;

    protected PublishedAdvert() {}

    PublishedAdvert(AdvertPublished advert, long blockNumber, int logIndex) {
        this.blockNumber = blockNumber;
        this.logIndex = logIndex;
        this.engineId = advert.engineId();
        this.advertHash = advert.advertHash();
        this.endpoint = advert.endpoint();
        this.did = advert.did();
        this.pricePerHour = new BigDecimal(advert.pricePerHour());
        this.latencyMs = advert.latencyMs();
        this.capacity = advert.capacity();
        this.region = advert.region();
        this.metadataCid = advert.metadataCid();
        this.encryptionKey = advert.encryptionKey();
    }

    String advertHash() {
        return advertHash;
    }

    String endpoint() {
        return endpoint;
    }

    String encryptionKey() {
        return encryptionKey;
    }

    long latencyMs() {
        return latencyMs;
    }

    long capacity() {
        return capacity;
    }

    /** This advert with its capacity and latency replaced, every other field exactly as published. */
    EngineRegistry.Advert with(long newCapacity, long newLatencyMs) {
        return new EngineRegistry.Advert(endpoint, did, pricePerHour.toBigIntegerExact(),
                BigInteger.valueOf(newLatencyMs), BigInteger.valueOf(newCapacity), region, metadataCid,
                Numeric.hexStringToByteArray(encryptionKey));
    }

    /** The primary key: where on the chain the advert was published. */
    static class Position implements Serializable {
        private long blockNumber;
        private int logIndex;

        @Override
        public boolean equals(Object other) {
            return other instanceof Position p && p.blockNumber == blockNumber && p.logIndex == logIndex;
        }

        @Override
        public int hashCode() {
            return Objects.hash(blockNumber, logIndex);
        }
    }
}
