package org.picomesh.agent.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;

/** A claim the agent sent and saw mined: in which block, how many leases, how much they paid, what the gas cost. */
@Entity
@Table(name = "claim")
class ClaimRecord {
    @Id
    @Column(name = "tx_hash")
    private String txHash;
    private int leases;
    private BigInteger amount;
    @Column(name = "gas_used")
    private long gasUsed;
    @Column(name = "gas_price")
    private BigInteger gasPrice;
    @Column(name = "block_number")
    private Long blockNumber;

    protected ClaimRecord() {}

    ClaimRecord(String txHash, long blockNumber, int leases, BigInteger amount, long gasUsed, BigInteger gasPrice) {
        this.blockNumber = blockNumber;
        this.txHash = txHash;
        this.leases = leases;
        this.amount = amount;
        this.gasUsed = gasUsed;
        this.gasPrice = gasPrice;
    }
}
