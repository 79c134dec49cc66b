package org.picomesh.agent.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;

/** A claim the agent sent: how many leases, how much they paid, what the gas cost. */
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

    protected ClaimRecord() {}

    ClaimRecord(String txHash, int leases, BigInteger amount, long gasUsed, BigInteger gasPrice) {
        this.txHash = txHash;
        this.leases = leases;
        this.amount = amount;
        this.gasUsed = gasUsed;
        this.gasPrice = gasPrice;
    }
}
