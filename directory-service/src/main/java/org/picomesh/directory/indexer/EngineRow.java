package org.picomesh.directory.indexer;

import java.math.BigInteger;

/** An engine as the chain says it is: the projection of its events, written to the engine table. */
final class EngineRow {
    final long id;
    String operator = "";
    String agent = "";
    String payout = "";
    String pendingOperator;
    String encryptionKey = "";
    boolean halted;
    int epoch;
    int openChallenges;
    String endpoint = "";
    String did = "";
    String region = "";
    String metadataCid = "";
    BigInteger pricePerHour = BigInteger.ZERO;
    long latencyMs;
    long capacity;
    String advertHash = "";
    /** The advert's exact bytes, {@code abi.encode(advert)}: what {@link #advertHash} is the keccak256 of. */
    byte[] advert = new byte[0];
    BigInteger stake = BigInteger.ZERO;
    BigInteger unbonding = BigInteger.ZERO;
    Long unlockAt;
    BigInteger slashed = BigInteger.ZERO;
    int activeLeases;
    Long challengeDeadline;
    long registeredBlock;
    long sourceBlock;
    String sourceBlockHash = "";
    /** Whether the engine table already has this engine (loaded from it) or it is new in this transaction. */
    boolean stored;
    /** Whether the row exists as of the event being applied: stored, or made by an earlier event. */
    boolean present;
    /** The last block whose undo image of this row was kept in this transaction, -1 when none. */
    long imagedBlock = -1;

    EngineRow(long id) {
        this.id = id;
    }
}
