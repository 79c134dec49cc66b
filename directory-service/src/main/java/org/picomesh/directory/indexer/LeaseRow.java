package org.picomesh.directory.indexer;

import java.math.BigInteger;

/** A lease as the chain says it is. */
final class LeaseRow {
    final long id;
    long engineId;
    String pico = "";
    int epoch;
    BigInteger deposit = BigInteger.ZERO;
    BigInteger paid = BigInteger.ZERO;
    BigInteger pricePerHour = BigInteger.ZERO;
    String status = "active";
    long openedBlock;
    Long endedBlock;
    Long movedTo;
    /** A pending move: the target engine, the price fixed at the request, the deadline (null when none). */
    Long moveTo;
    BigInteger movePrice;
    Long moveDeadline;
    long sourceBlock;
    String sourceBlockHash = "";

    LeaseRow(long id) {
        this.id = id;
    }
}
