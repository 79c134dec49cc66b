package org.picomesh.contracts.follow;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.picomesh.contracts.events.MarketLog;
import org.picomesh.contracts.follow.MarketEvent.*;

/**
 * Builds typed events from decoded logs: the one place that names the market's events and their arguments as
 * strings (a unit test holds it to the ABIs).
 */
public final class MarketEvents {
    private MarketEvents() {}

    /**
     * The typed event of a decoded log, with its position.
     *
     * @throws IllegalArgumentException when the log is of no event the market's ABIs define, or an argument is out
     *     of its type's range (an id beyond a long, an unknown enum code)
     */
    public static Located<MarketEvent> from(MarketLog log) {
        try {
            return new Located<>(event(log), log.blockNumber(), log.logIndex(), log.blockHash(), log.txHash());
        } catch (ArithmeticException | java.time.DateTimeException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("unreadable " + log.name() + " in block " + log.blockNumber()
                    + " (log " + log.logIndex() + "): " + e.getMessage(), e);
        }
    }

    private static MarketEvent event(MarketLog l) {
        return switch (l.name()) {
            case "EngineRegistered" -> new EngineRegistered(l.id("engineId"), l.text("operator"), l.number("stake"));
            case "AdvertPublished" -> new AdvertPublished(l.id("engineId"), l.text("advertHash"), l.text("endpoint"),
                    l.text("did"), l.number("pricePerHour"), l.id("latencyMs"), l.id("capacity"), l.text("region"),
                    l.text("metadataCid"), l.text("encryptionKey"));
            case "StakeAdded" -> new StakeAdded(l.id("engineId"), l.text("from"), l.number("amount"), l.number("stake"));
            case "UnbondRequested" -> new UnbondRequested(l.id("engineId"), l.number("amount"), l.number("stake"),
                    l.number("unbonding"), time(l, "unlockAt"));
            case "StakeWithdrawn" -> new StakeWithdrawn(l.id("engineId"), l.text("to"), l.number("amount"));
            case "EngineHalted" -> new EngineHalted(l.id("engineId"), l.id("epoch"), time(l, "at"));
            case "EngineResumed" -> new EngineResumed(l.id("engineId"), l.id("epoch"));
            case "AgentChanged" -> new AgentChanged(l.id("engineId"), l.text("agent"));
            case "PayoutAddressChanged" -> new PayoutAddressChanged(l.id("engineId"), l.text("payout"));
            case "OperatorTransferStarted" -> new OperatorTransferStarted(l.id("engineId"), l.text("from"), l.text("to"));
            case "OperatorTransferred" -> new OperatorTransferred(l.id("engineId"), l.text("from"), l.text("to"));
            case "ChallengeOpened" -> new ChallengeOpened(l.id("challengeId"), l.id("engineId"), l.text("challenger"),
                    l.number("bond"), time(l, "deadline"));
            case "ChallengeAnswered" -> new ChallengeAnswered(l.id("challengeId"), l.id("engineId"), l.text("by"),
                    l.number("bond"));
            case "ChallengeExecuted" -> new ChallengeExecuted(l.id("challengeId"), l.id("engineId"),
                    l.text("challenger"), l.number("slashed"));
            case "EngineSlashed" -> new EngineSlashed(l.id("engineId"), SlashCause.of(code(l, "cause")), l.text("by"),
                    l.number("amount"), l.number("stake"), l.number("unbonding"), l.text("caseId"), l.text("reasonCid"));
            case "Credited" -> new Credited(l.text("account"), l.number("amount"));
            case "CreditWithdrawn" -> new CreditWithdrawn(l.text("account"), l.number("amount"));
            case "ParameterScheduled" -> new ParameterScheduled(l.text("name"), l.number("value"),
                    time(l, "effectiveAt"));
            case "ParametersCancelled" -> new ParametersCancelled();
            case "ParameterChanged" -> new ParameterChanged(l.text("name"), l.number("oldValue"), l.number("newValue"));
            case "TrustListCreated" -> new TrustListCreated(l.id("listId"), l.text("curator"), l.text("name"));
            case "TrustListChanged" -> new TrustListChanged(l.id("listId"), l.id("engineId"), flag(l, "trusted"));
            case "RoleGranted" -> new RoleGranted(l.text("role"), l.text("account"), l.text("sender"));
            case "RoleRevoked" -> new RoleRevoked(l.text("role"), l.text("account"), l.text("sender"));
            case "RoleAdminChanged" -> new RoleAdminChanged(l.text("role"), l.text("previousAdminRole"),
                    l.text("newAdminRole"));
            case "DefaultAdminTransferScheduled" -> new DefaultAdminTransferScheduled(l.text("newAdmin"),
                    time(l, "acceptSchedule"));
            case "DefaultAdminTransferCanceled" -> new DefaultAdminTransferCanceled();
            case "DefaultAdminDelayChangeScheduled" -> new DefaultAdminDelayChangeScheduled(
                    Duration.ofSeconds(l.id("newDelay")), time(l, "effectSchedule"));
            case "DefaultAdminDelayChangeCanceled" -> new DefaultAdminDelayChangeCanceled();
            case "EIP712DomainChanged" -> new EIP712DomainChanged();
            case "LeaseOpened" -> new LeaseOpened(l.id("leaseId"), l.id("engineId"), l.text("pico"), l.number("deposit"),
                    l.number("pricePerHour"), l.id("epoch"));
            case "LeaseToppedUp" -> new LeaseToppedUp(l.id("leaseId"), l.text("from"), l.number("amount"),
                    l.number("deposit"));
            case "LeaseClaimed" -> new LeaseClaimed(l.id("leaseId"), l.id("engineId"), l.number("amount"),
                    l.number("paid"));
            case "LeaseClosed" -> new LeaseClosed(l.id("leaseId"), l.id("engineId"), l.text("pico"),
                    EndReason.of(code(l, "reason")), l.number("accrued"), l.number("refund"));
            case "MoveRequested" -> new MoveRequested(l.id("leaseId"), l.text("pico"), l.id("toEngineId"),
                    l.number("pricePerHour"), time(l, "deadline"));
            case "MoveAccepted" -> new MoveAccepted(l.id("fromLeaseId"), l.id("toLeaseId"), l.text("pico"),
                    l.id("toEngineId"), l.number("carried"));
            case "MoveRejected" -> new MoveRejected(l.id("leaseId"), l.id("toEngineId"), l.text("pico"),
                    l.text("reason"));
            case "MoveExpired" -> new MoveExpired(l.id("leaseId"), l.id("toEngineId"), l.text("pico"));
            case "MoveCancelled" -> new MoveCancelled(l.id("leaseId"), l.id("toEngineId"), l.text("pico"));
            case "RefundCredited" -> new RefundCredited(l.text("pico"), l.number("amount"));
            case "RefundWithdrawn" -> new RefundWithdrawn(l.text("pico"), l.number("amount"));
            default -> throw new IllegalArgumentException("no market event is called " + l.name());
        };
    }

    private static Instant time(MarketLog log, String arg) {
        return Instant.ofEpochSecond(log.id(arg));
    }

    /** An enum argument: a uint8 holding the Solidity enum's ordinal. */
    private static int code(MarketLog log, String arg) {
        BigInteger code = log.number(arg);
        return code.bitLength() < 8 ? code.intValue() : -1;
    }

    private static boolean flag(MarketLog log, String arg) {
        return (Boolean) log.args().get(arg);
    }
}
