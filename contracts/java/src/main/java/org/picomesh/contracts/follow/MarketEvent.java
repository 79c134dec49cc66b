package org.picomesh.contracts.follow;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One event of the market's contracts, typed: a record per event of the {@code EngineRegistry} and the
 * {@code LeaseEscrow} ABIs (those they inherit from OpenZeppelin included), named as in the ABI, with the ABI's
 * argument names. Ids and epochs are {@code long}, amounts {@link BigInteger} wei, addresses lower-case hex,
 * {@code bytes32} values {@code 0x}-prefixed hex, timestamps {@link Instant}s; strings are as emitted, written
 * by strangers (an engine's endpoint, a rejection's reason): never trust them unchecked. Built by
 * {@link MarketEvents#from}, which also says where on the chain the event sits ({@link Located}).
 * (Java 17 has no pattern matching in {@code switch}: dispatch with {@code instanceof}.)
 */
public sealed interface MarketEvent {

    // The registry: engines, their stake and keys.

    record EngineRegistered(long engineId, String operator, BigInteger stake) implements MarketEvent {}

    /** An engine's advert; only its hash is stored on chain, so this event is where the strings live. */
    record AdvertPublished(long engineId, String advertHash, String endpoint, String did, BigInteger pricePerHour,
            long latencyMs, long capacity, String region, String metadataCid, String encryptionKey)
            implements MarketEvent {}

    record StakeAdded(long engineId, String from, BigInteger amount, BigInteger stake) implements MarketEvent {}

    record UnbondRequested(long engineId, BigInteger amount, BigInteger stake, BigInteger unbonding, Instant unlockAt)
            implements MarketEvent {}

    record StakeWithdrawn(long engineId, String to, BigInteger amount) implements MarketEvent {}

    /** The engine's stake fell below the minimum: its leases of {@code epoch} stop accruing {@code at}. */
    record EngineHalted(long engineId, long epoch, Instant at) implements MarketEvent {}

    record EngineResumed(long engineId, long epoch) implements MarketEvent {}

    record AgentChanged(long engineId, String agent) implements MarketEvent {}

    record PayoutAddressChanged(long engineId, String payout) implements MarketEvent {}

    record OperatorTransferStarted(long engineId, String from, String to) implements MarketEvent {}

    /** The operator role changed hands; the engine's agent and payout address reset to the new operator. */
    record OperatorTransferred(long engineId, String from, String to) implements MarketEvent {}

    // The registry: challenges, slashes and credits.

    record ChallengeOpened(long challengeId, long engineId, String challenger, BigInteger bond, Instant deadline)
            implements MarketEvent {}

    record ChallengeAnswered(long challengeId, long engineId, String by, BigInteger bond) implements MarketEvent {}

    record ChallengeExecuted(long challengeId, long engineId, String challenger, BigInteger slashed)
            implements MarketEvent {}

    record EngineSlashed(long engineId, SlashCause cause, String by, BigInteger amount, BigInteger stake,
            BigInteger unbonding, String caseId, String reasonCid) implements MarketEvent {}

    record Credited(String account, BigInteger amount) implements MarketEvent {}

    record CreditWithdrawn(String account, BigInteger amount) implements MarketEvent {}

    // The registry: governance and trust lists.

    /** {@code name} is the parameter's name as a bytes32 (see {@link #parameter()}). */
    record ParameterScheduled(String name, BigInteger value, Instant effectiveAt) implements MarketEvent {
        /** The parameter's name as text, such as {@code minStake}. */
        public String parameter() {
            return ascii(name);
        }
    }

    record ParametersCancelled() implements MarketEvent {}

    record ParameterChanged(String name, BigInteger oldValue, BigInteger newValue) implements MarketEvent {
        /** The parameter's name as text, such as {@code minStake}. */
        public String parameter() {
            return ascii(name);
        }
    }

    record TrustListCreated(long listId, String curator, String name) implements MarketEvent {}

    record TrustListChanged(long listId, long engineId, boolean trusted) implements MarketEvent {}

    // The registry: roles and the admin, from OpenZeppelin's AccessControlDefaultAdminRules.

    record RoleGranted(String role, String account, String sender) implements MarketEvent {}

    record RoleRevoked(String role, String account, String sender) implements MarketEvent {}

    record RoleAdminChanged(String role, String previousAdminRole, String newAdminRole) implements MarketEvent {}

    record DefaultAdminTransferScheduled(String newAdmin, Instant acceptSchedule) implements MarketEvent {}

    record DefaultAdminTransferCanceled() implements MarketEvent {}

    record DefaultAdminDelayChangeScheduled(Duration newDelay, Instant effectSchedule) implements MarketEvent {}

    record DefaultAdminDelayChangeCanceled() implements MarketEvent {}

    // The escrow: leases, moves and refunds.

    /** From OpenZeppelin's EIP712; the escrow's domain never changes, so this is not expected. */
    record EIP712DomainChanged() implements MarketEvent {}

    record LeaseOpened(long leaseId, long engineId, String pico, BigInteger deposit, BigInteger pricePerHour, long epoch)
            implements MarketEvent {}

    record LeaseToppedUp(long leaseId, String from, BigInteger amount, BigInteger deposit) implements MarketEvent {}

    record LeaseClaimed(long leaseId, long engineId, BigInteger amount, BigInteger paid) implements MarketEvent {}

    record LeaseClosed(long leaseId, long engineId, String pico, EndReason reason, BigInteger accrued,
            BigInteger refund) implements MarketEvent {}

    record MoveRequested(long leaseId, String pico, long toEngineId, BigInteger pricePerHour, Instant deadline)
            implements MarketEvent {}

    /** The move's target accepted: {@code fromLeaseId} ended (moved), {@code toLeaseId} carries the rest. */
    record MoveAccepted(long fromLeaseId, long toLeaseId, String pico, long toEngineId, BigInteger carried)
            implements MarketEvent {}

    record MoveRejected(long leaseId, long toEngineId, String pico, String reason) implements MarketEvent {}

    record MoveExpired(long leaseId, long toEngineId, String pico) implements MarketEvent {}

    record MoveCancelled(long leaseId, long toEngineId, String pico) implements MarketEvent {}

    /** A lease someone else ended left {@code amount} for its pico to withdraw. */
    record RefundCredited(String pico, BigInteger amount) implements MarketEvent {}

    record RefundWithdrawn(String pico, BigInteger amount) implements MarketEvent {}

    /** A bytes32 holding short text (right-padded with zero bytes), as text. */
    private static String ascii(String bytes32) {
        byte[] bytes = HexFormat.of().parseHex(bytes32.substring(2));
        int length = bytes.length;
        while (length > 0 && bytes[length - 1] == 0) {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
