package org.picomesh.agent.migration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** An engine's advert as the chain published it: where its agent answers and the key snapshots are sealed to. */
@Entity
@Table(name = "market_advert")
@IdClass(MarketAdvert.Position.class)
class MarketAdvert {
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
    @Column(name = "encryption_key")
    private String encryptionKey;

    protected MarketAdvert() {}

    MarketAdvert(long blockNumber, int logIndex, long engineId, String advertHash, String endpoint,
            String encryptionKey) {
        this.blockNumber = blockNumber;
        this.logIndex = logIndex;
        this.engineId = engineId;
        this.advertHash = advertHash;
        this.endpoint = endpoint;
        this.encryptionKey = encryptionKey;
    }

    String endpoint() {
        return endpoint;
    }

    String encryptionKey() {
        return encryptionKey;
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
