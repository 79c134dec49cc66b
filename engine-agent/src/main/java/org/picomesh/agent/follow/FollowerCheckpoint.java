package org.picomesh.agent.follow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The last block the agent's follower processed: one row, written with the effects of that block's events. */
@Entity
@Table(name = "follower_checkpoint")
class FollowerCheckpoint {
    @Id
    private short id = 1;
    @Column(name = "block_number")
    private long blockNumber;
    @Column(name = "block_hash")
    private String blockHash;
    @Version
    private long version;

    protected FollowerCheckpoint() {}

    FollowerCheckpoint(long blockNumber, String blockHash) {
        this.blockNumber = blockNumber;
        this.blockHash = blockHash;
    }

    long blockNumber() {
        return blockNumber;
    }

    String blockHash() {
        return blockHash;
    }

    void moveTo(long number, String hash) {
        blockNumber = number;
        blockHash = hash;
    }
}
