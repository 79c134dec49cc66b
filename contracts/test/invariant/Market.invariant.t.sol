// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {LeaseEscrow} from "../../src/LeaseEscrow.sol";
import {vm} from "../utils/Vm.sol";
import {MarketInvariantBase} from "./MarketInvariantBase.sol";
import {MarketStore} from "./stores/MarketStore.sol";

/// @notice Money is conserved and the market's rules hold whatever sequence of calls the cast makes: one lease
/// per pico, escrowed deposits owed to someone, held slots counted, stake accounted for, and every outcome as
/// the model predicted.
contract MarketInvariantTest is MarketInvariantBase {
    /// @notice A pico holds at most one active lease, and currentLease names it (or none).
    /// forge-config: default.invariant.depth = 128
    function invariant_OnePicoOneLease() public view {
        uint256[] memory activeOf = new uint256[](picos.length);
        for (uint256 id = 1; id <= escrow.leaseCount(); ++id) {
            LeaseEscrow.LeaseView memory l = escrow.lease(id);
            if (!l.active) continue;
            uint256 p = _picoIndex(l.pico);
            assertEq(activeOf[p], 0, "a pico holds two active leases");
            activeOf[p] = id;
        }
        for (uint256 p = 0; p < picos.length; ++p) {
            LeaseEscrow.LeaseView memory current = escrow.currentLease(picos[p]);
            assertEq(current.id, activeOf[p], "currentLease is not the pico's active lease");
            assertEq(current.active, activeOf[p] != 0, "currentLease's activity");
            assertEq(current.id, store.currentOf(picos[p]), "currentLease vs the model");
        }
    }

    /// @notice The escrow holds Σ deposits − Σ claims − Σ refunds paid (on close, or withdrawn once credited),
    /// which is exactly what the leases still owe (deposit − paid; an ended lease's deposit cut to what it accrued)
    /// plus the refunds credited to picos, and no lease pays more than it holds.
    /// forge-config: default.invariant.depth = 128
    function invariant_EscrowHoldsWhatLeasesOwe() public view {
        uint256 balance = address(escrow).balance;
        assertEq(
            balance,
            store.escrowIn() - store.claimed() - store.refunded(),
            "escrow balance vs in - claims - refunds paid"
        );
        uint256 owed;
        assertEq(escrow.leaseCount(), store.leaseCount(), "lease count");
        for (uint256 id = 1; id <= escrow.leaseCount(); ++id) {
            LeaseEscrow.LeaseView memory l = escrow.lease(id);
            MarketStore.LeaseModel memory m = store.lease(id);
            assertLe(l.paid, l.accrued, "a lease paid more than it accrued");
            assertLe(l.accrued, l.deposit, "a lease accrued more than its deposit");
            assertEq(l.claimable, l.accrued - l.paid, "claimable");
            assertEq(l.deposit, m.deposit, "a lease's deposit vs the model");
            assertEq(l.paid, m.paid, "a lease's paid vs the model");
            assertEq(l.accrued, store.accrued(id), "a lease's accrued vs the model");
            assertEq(l.active, m.active, "a lease's activity vs the model");
            assertEq(l.pricePerHour, m.price, "a lease's price vs the model");
            owed += l.deposit - l.paid;
        }
        for (uint256 p = 0; p < picos.length; ++p) {
            uint256 credited = escrow.refundOf(picos[p]);
            assertEq(credited, store.refundOf(picos[p]), "a pico's refund credit vs the model");
            owed += credited;
        }
        assertEq(balance, owed, "escrow balance vs what the leases still owe + refunds credited");
    }

    /// @notice A pending move belongs to its pico's current, active lease; the target's activeLeases counts the
    /// slot it holds; every engine's activeLeases is its active leases plus pending moves to it, within its
    /// capacity unless an advert lowered the capacity below the slots then held.
    /// forge-config: default.invariant.depth = 128
    function invariant_SlotsAreLeasesPlusPendingMoves() public view {
        uint256[] memory held = new uint256[](registry.engineCount() + 1);
        for (uint256 id = 1; id <= escrow.leaseCount(); ++id) {
            LeaseEscrow.LeaseView memory l = escrow.lease(id);
            if (l.active) ++held[l.engineId];
            if (l.moveTo == 0) continue;
            assertTrue(l.active, "an ended lease has a pending move");
            assertEq(escrow.currentLease(l.pico).id, id, "a pending move is not on its pico's current lease");
            assertTrue(l.moveTo != l.engineId, "a move pending to the engine the lease is on");
            ++held[l.moveTo];
        }
        for (uint256 id = 1; id <= registry.engineCount(); ++id) {
            EngineRegistry.EngineView memory e = registry.engine(id);
            MarketStore.EngineModel memory m = store.engine(id);
            assertEq(e.activeLeases, held[id], "activeLeases vs active leases + pending moves to the engine");
            assertEq(e.activeLeases, m.activeLeases, "activeLeases vs the model");
            uint256 ceiling = e.capacity > m.leasesAtAdvert ? e.capacity : m.leasesAtAdvert;
            assertLe(e.activeLeases, ceiling, "an engine took a slot beyond its capacity");
        }
    }

    /// @notice Per engine and in total, stake + unbonding + slashed == deposited − withdrawn; the registry holds
    /// Σ stake + Σ unbonding + Σ open challenge bonds + Σ credits, which is what came in less what went out.
    /// forge-config: default.invariant.depth = 128
    function invariant_StakeIsAccountedFor() public view {
        uint256 held;
        uint256 net;
        for (uint256 id = 1; id <= registry.engineCount(); ++id) {
            EngineRegistry.EngineView memory e = registry.engine(id);
            MarketStore.EngineModel memory m = store.engine(id);
            assertEq(e.stake + e.unbonding + m.slashed, m.deposited - m.withdrawn, "an engine's stake went astray");
            held += e.stake + e.unbonding;
            net += m.deposited - m.withdrawn - m.slashed;
        }
        assertEq(held, net, "total stake + unbonding vs deposited - withdrawn - slashed");
        for (uint256 id = 1; id <= registry.challengeCount(); ++id) {
            held += registry.challenge(id).bond;
        }
        address[] memory credited = store.credited();
        for (uint256 i = 0; i < credited.length; ++i) {
            held += registry.creditOf(credited[i]);
        }
        assertEq(address(registry).balance, held, "registry balance vs stake + unbonding + open bonds + credits");
        assertEq(address(registry).balance, store.registryIn() - store.registryOut(), "registry balance vs in - out");
    }

    /// @notice Every call succeeded or reverted exactly as the model predicted, paid what it predicted, and left
    /// the engines as it predicted.
    /// forge-config: default.invariant.depth = 128
    function invariant_EveryOutcomeWasPredicted() public view {
        assertEq(store.surprises(), 0, string.concat("unpredicted: ", store.lastSurprise()));
        for (uint256 id = 1; id <= registry.engineCount(); ++id) {
            EngineRegistry.EngineView memory e = registry.engine(id);
            MarketStore.EngineModel memory m = store.engine(id);
            assertEq(e.operator, m.operator, "operator vs the model");
            assertEq(e.agent, store.agentOf(id), "agent vs the model");
            assertEq(e.payout, store.payoutOf(id), "payout vs the model");
            assertEq(e.stake, m.stake, "stake vs the model");
            assertEq(e.unbonding, m.unbonding, "unbonding vs the model");
            assertEq(e.epoch, m.epoch, "epoch vs the model");
            assertEq(e.halted, m.halted, "halted vs the model");
            assertEq(e.listed, store.isListed(id), "listed vs the model");
            assertEq(e.openChallenges, m.openChallenges, "open challenges vs the model");
        }
        for (uint256 p = 0; p < picos.length; ++p) {
            assertEq(escrow.nonces(picos[p]), store.nonceOf(picos[p]), "a pico's nonce vs the model");
        }
    }

    /// @notice At the end of every run, each pending move can still be ended (by expiry, once its window has
    /// passed), which leaves its pico holding exactly the lease it had and frees the target's slot; each lease that
    /// ran out or whose engine halted can be ended by anyone, its rest kept for its pico; and each pico that
    /// accepts ether takes back everything kept for it.
    function afterInvariant() public {
        vm.warp(block.timestamp + 1 days);
        for (uint256 id = 1; id <= escrow.leaseCount(); ++id) {
            LeaseEscrow.LeaseView memory l = escrow.lease(id);
            if (l.moveTo == 0) continue;
            uint256 before = registry.engine(l.moveTo).activeLeases;
            escrow.expireMove(id);
            assertEq(escrow.currentLease(l.pico).id, id, "an expired move left its pico without its lease");
            assertEq(registry.engine(l.moveTo).activeLeases, before - 1, "an expired move kept its slot");
        }
        for (uint256 id = 1; id <= escrow.leaseCount(); ++id) {
            LeaseEscrow.LeaseView memory l = escrow.lease(id);
            bool halted = l.active && registry.engine(l.engineId).epoch != l.epoch;
            if (!l.active || (!halted && l.accrued < l.deposit)) continue;
            uint256 kept = escrow.refundOf(l.pico);
            vm.prank(stranger);
            uint256 refund = escrow.expireLease(id);
            assertEq(refund, l.deposit - l.accrued, "an ended lease's rest");
            assertEq(escrow.refundOf(l.pico), kept + refund, "an ended lease's rest is kept for its pico");
            assertEq(escrow.currentLease(l.pico).id, 0, "an ended lease is still its pico's");
        }
        for (uint256 p = 0; p < picos.length; ++p) {
            uint256 owed = escrow.refundOf(picos[p]);
            if (owed == 0 || picos[p] == refuser) continue;
            uint256 before = picos[p].balance;
            vm.prank(picos[p]);
            escrow.withdrawRefund();
            assertEq(picos[p].balance - before, owed, "a pico's refunds sent");
            assertEq(escrow.refundOf(picos[p]), 0, "a pico's refunds still kept after withdrawing them");
        }
    }

    function _picoIndex(address account) private view returns (uint256) {
        for (uint256 p = 0; p < picos.length; ++p) {
            if (picos[p] == account) return p;
        }
        revert("a lease of a pico not in the cast");
    }
}
