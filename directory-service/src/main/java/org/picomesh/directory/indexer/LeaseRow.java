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
    /** Whether the row exists as of the event being applied: loaded from the table, or made by an earlier event. */
    boolean present;
    /** The last block whose undo image of this row was kept in this transaction, -1 when none. */
    long imagedBlock = -1;

    LeaseRow(long id) {
        this.id = id;
    }
}
