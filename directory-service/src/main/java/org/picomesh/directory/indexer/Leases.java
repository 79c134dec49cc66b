package org.picomesh.directory.indexer;

import java.math.BigInteger;
import org.picomesh.contracts.events.MarketLog;

/**
 * The escrow's events folded into lease rows and engines' taken slots. A pending move holds a slot on its target
 * from its request; an accepted move hands that slot to the new lease, so the new lease's opening does not count it
 * twice.
 */
final class Leases {
    private Leases() {}

    static void apply(MarketLog e, MarketState state) {
        switch (e.name()) {
            case "LeaseOpened" -> opened(e, state);
            case "LeaseToppedUp" -> lease(e, state, "leaseId").deposit = e.number("deposit");
            case "LeaseClaimed" -> lease(e, state, "leaseId").paid = e.number("paid");
            case "LeaseClosed" -> closed(e, state);
            case "MoveRequested" -> {
                LeaseRow lease = lease(e, state, "leaseId");
                lease.moveTo = e.id("toEngineId");
                lease.movePrice = e.number("pricePerHour");
                lease.moveDeadline = e.number("deadline").longValueExact();
                slots(e, state, lease.moveTo, 1);
            }
            case "MoveAccepted" -> {
                LeaseRow from = lease(e, state, "fromLeaseId");
                from.movedTo = e.id("toLeaseId");
                clearMove(from);
                slots(e, state, e.id("toEngineId"), -1);
            }
            default -> { // MoveRejected, MoveExpired, MoveCancelled
                clearMove(lease(e, state, "leaseId"));
                slots(e, state, e.id("toEngineId"), -1);
            }
        }
    }

    private static void opened(MarketLog e, MarketState state) {
        LeaseRow lease = lease(e, state, "leaseId");
        lease.engineId = e.id("engineId");
        lease.pico = e.text("pico");
        lease.deposit = e.number("deposit");
        lease.pricePerHour = e.number("pricePerHour");
        lease.epoch = Math.toIntExact(e.id("epoch"));
        lease.openedBlock = e.blockNumber();
        slots(e, state, lease.engineId, 1);
    }

    /** Reasons as the escrow numbers them: Closed, Moved, Exhausted, Stopped (its engine halted). */
    private static void closed(MarketLog e, MarketState state) {
        LeaseRow lease = lease(e, state, "leaseId");
        lease.status = switch (e.number("reason").intValueExact()) {
            case 1 -> "moved";
            case 2 -> "exhausted";
            case 3 -> "stopped";
            default -> "closed";
        };
        lease.deposit = e.number("accrued");
        lease.endedBlock = e.blockNumber();
        slots(e, state, e.id("engineId"), -1);
    }

    private static void clearMove(LeaseRow lease) {
        lease.moveTo = null;
        lease.movePrice = null;
        lease.moveDeadline = null;
    }

    private static LeaseRow lease(MarketLog e, MarketState state, String arg) {
        return state.touchLease(e, e.id(arg));
    }

    private static void slots(MarketLog e, MarketState state, long engineId, int change) {
        state.touchEngine(e, engineId).activeLeases += change;
    }
}
