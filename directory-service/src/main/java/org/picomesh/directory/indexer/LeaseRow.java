package org.picomesh.directory.indexer;

import java.math.BigInteger;

/** A lease as the chain says it is. */
final class LeaseRow {
    final long id;
    long engineId;
    String payer = "";
    String picoDid = "";
    String picoDidHash = "";
    BigInteger deposit = BigInteger.ZERO;
    BigInteger pricePerHour = BigInteger.ZERO;
    String status = "active";
    long openedBlock;
    Long endedBlock;
    Long movedTo;
    long sourceBlock;
    String sourceBlockHash = "";

    LeaseRow(long id) {
        this.id = id;
    }
}
