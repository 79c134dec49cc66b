// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {vm} from "../../utils/Vm.sol";
import {EventReplay} from "../stores/EventReplay.sol";
import {MarketStore} from "../stores/MarketStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

// Time is what the model follows:
// forge-lint: disable-next-item(block-timestamp)
/// @notice Drives leases: picos (keyed accounts, a smart wallet that signs through ERC-1271, a contract that
/// refuses ether) open their lease themselves or through sponsors with signed requests, on any engine at any
/// deposit; anyone tops up, and ends leases that ran out or whose engine halted (their rest credited to the pico);
/// picos close and withdraw credited refunds; agents claim in batches.
contract LeaseHandler is BaseHandler {
    constructor(EngineRegistry registry_, MarketStore store_, EventReplay replay_)
        BaseHandler(registry_, store_, replay_)
    {}

    /// @dev A pico opens its own lease, usually on a listed engine with room, else on any (unlisted, full, unknown).
    function openLease(uint256 who, uint256 engine, uint256 deposit, uint256 maxSeed) external {
        address pico = _pico(who, false, false);
        uint256 id = _openEngine(engine, 0);
        uint256 maxPrice = _maxPrice(maxSeed, id);
        deposit = _deposit(deposit, store.engine(id).price);
        bytes memory expected = _openError(pico, id, maxPrice, deposit);
        _fund(pico, deposit);
        _record();
        vm.prank(pico);
        try escrow.openLease{value: deposit}(id, maxPrice) returns (uint256 leaseId) {
            _succeeded("openLease", expected);
            _opened(leaseId, pico, id, deposit);
        } catch (bytes memory reason) {
            _reverted("openLease", reason, expected);
        }
    }

    /// @dev A sponsor (an account, or the ether-refusing contract) opens the pico's lease with its signature,
    /// which may be forged, replayed or expired.
    function openLeaseFor(uint256 who, uint256 by, uint256 engine, uint256 deposit, uint256 sigSeed) external {
        address pico = _pico(who, false, true);
        address sponsor = store.member(MarketStore.Role.Sponsor, by);
        uint256 id = _openEngine(engine, 0);
        uint256 maxPrice = _maxPrice(sigSeed / 16, id);
        deposit = _deposit(deposit, store.engine(id).price);
        (bytes memory signature, uint256 deadline, bytes memory expected) =
            _signed(escrow.OPEN_LEASE_TYPEHASH(), pico, id, maxPrice, sigSeed);
        if (expected.length == 0) expected = _openError(pico, id, maxPrice, deposit);
        _fund(sponsor, deposit);
        _record();
        vm.prank(sponsor);
        try escrow.openLeaseFor{value: deposit}(pico, id, maxPrice, deadline, signature) returns (uint256 leaseId) {
            _succeeded("openLeaseFor", expected);
            store.useNonce(pico);
            _opened(leaseId, pico, id, deposit);
        } catch (bytes memory reason) {
            _reverted("openLeaseFor", reason, expected);
        }
    }

    /// @dev Anyone tops up a pico's lease; one time in sixteen each with nothing or with more than the deposit's
    /// 80 bits have room for.
    function topUp(uint256 who, uint256 by, uint256 amount) external {
        address pico = _pico(who, true, false);
        address from = store.anyone(by);
        uint256 leaseId = store.currentOf(pico);
        uint256 room = MAX_DEPOSIT - store.lease(leaseId).deposit;
        amount = amount % 16 == 15 ? 0 : amount % 16 == 14 ? room + 1 : _bound(amount / 16, 1, 0.01 ether);
        bytes memory expected;
        if (leaseId == 0) {
            expected = abi.encodeWithSelector(Errors.NoActiveLease.selector, pico);
        } else if (amount == 0 || amount > room) {
            expected = abi.encodeWithSelector(Errors.InvalidDeposit.selector, amount, 1, room);
        }
        _fund(from, amount);
        _record();
        vm.prank(from);
        try escrow.topUp{value: amount}(pico) {
            _succeeded("topUp", expected);
            store.topUp(leaseId, amount);
        } catch (bytes memory reason) {
            _reverted("topUp", reason, expected);
        }
    }

    /// @dev The pico closes its lease (cancelling a pending move); the ether-refusing pico cannot take a refund.
    function close(uint256 who) external {
        address pico = _pico(who, true, false);
        uint256 leaseId = store.currentOf(pico);
        bytes memory expected;
        if (leaseId == 0) {
            expected = abi.encodeWithSelector(Errors.NoActiveLease.selector, pico);
        } else {
            expected = _sendError(pico, store.lease(leaseId).deposit - store.accrued(leaseId));
        }
        uint256 before = pico.balance;
        _record();
        vm.prank(pico);
        try escrow.close() returns (uint256 refund) {
            _succeeded("close", expected);
            uint256 rest = store.endLease(leaseId);
            store.refund(rest);
            _check(refund == rest && pico.balance - before == rest, "close: refund");
            _check(replay.endReasonOf(leaseId) == ILeaseEscrow.EndReason.Closed, "close: the reason it ended for");
            _check(escrow.currentLease(pico).id == 0, "close: the pico still holds a lease");
        } catch (bytes memory reason) {
            _reverted("close", reason, expected);
        }
    }

    /// @dev Anyone ends a lease, usually an active one, exhausted or not, its engine halted or not.
    function expireLease(uint256 lease, uint256 who) external {
        _expire(_activeLeaseId(lease), store.anyone(who));
    }

    /// @dev Anyone ends a lease whose engine halted, usually one with deposit left (which the pico is credited).
    function expireStoppedLease(uint256 lease, uint256 who) external {
        _expire(_stoppedLeaseId(lease), store.anyone(who));
    }

    /// @dev A pico (usually one with refunds credited, one time in four anyone) takes its refunds back; the
    /// ether-refusing pico cannot.
    function withdrawRefund(uint256 who) external {
        address account = who % 4 == 3 ? store.anyone(who / 4) : _refundedPico(who / 4);
        uint256 amount = store.refundOf(account);
        bytes memory expected =
            amount == 0 ? abi.encodeWithSelector(Errors.NoPayout.selector, account) : _sendError(account, amount);
        uint256 before = account.balance;
        _record();
        vm.prank(account);
        try escrow.withdrawRefund() returns (uint256 sent) {
            _succeeded("withdrawRefund", expected);
            uint256 modelled = store.withdrawRefund(account);
            _check(sent == amount && modelled == amount, "withdrawRefund: amount");
            _check(account.balance - before == amount, "withdrawRefund: amount sent");
        } catch (bytes memory reason) {
            _reverted("withdrawRefund", reason, expected);
        }
    }

    /// @dev Usually by the engine's agent: up to three of its leases, one time in eight with another engine's or
    /// an unknown lease, repeats allowed.
    function claim(uint256 engine, uint256 by, uint256 batchSeed) external {
        uint256 id = _engineId(engine, true);
        address caller = _usually(store.agentOf(id), by);
        uint256[] memory batch = _batch(id, batchSeed);
        bytes memory expected = _agentError(id, caller);
        uint256 total;
        if (expected.length == 0) (expected, total) = _claimOutcome(id, batch);
        address payout = store.payoutOf(id);
        uint256 before = payout.balance;
        _record();
        vm.prank(caller);
        try escrow.claim(id, batch) returns (uint256 paid) {
            _succeeded("claim", expected);
            uint256 modelled;
            for (uint256 i = 0; i < batch.length; ++i) {
                modelled += store.claim(batch[i]);
            }
            _check(paid == modelled && modelled == total, "claim: total");
            _check(payout.balance - before == total, "claim: amount sent to the payout address");
        } catch (bytes memory reason) {
            _reverted("claim", reason, expected);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Ends the lease for `caller` if it ran out or its engine's epoch halted (before now): the engine keeps
    /// what accrued, the rest is credited to the pico, a pending move is cancelled.
    function _expire(uint256 leaseId, address caller) internal {
        MarketStore.LeaseModel memory l = store.lease(leaseId);
        uint256 due = store.accrued(leaseId);
        bytes memory expected;
        if (l.pico == address(0)) {
            expected = abi.encodeWithSelector(Errors.UnknownLease.selector, leaseId);
        } else if (!l.active) {
            expected = abi.encodeWithSelector(Errors.LeaseNotActive.selector, leaseId);
        } else if (due < l.deposit && store.accrualEnd(leaseId) == block.timestamp) {
            expected = abi.encodeWithSelector(Errors.LeaseNotExhausted.selector, leaseId, l.deposit - due);
        }
        _record();
        vm.prank(caller);
        try escrow.expireLease(leaseId) returns (uint256 refund) {
            _succeeded("expireLease", expected);
            uint256 rest = store.endLease(leaseId);
            if (rest > 0) store.creditRefund(l.pico, rest);
            _check(refund == rest && rest == l.deposit - due, "expireLease: the pico's refund");
            ILeaseEscrow.EndReason why = rest == 0 ? ILeaseEscrow.EndReason.Exhausted : ILeaseEscrow.EndReason.Stopped;
            _check(replay.endReasonOf(leaseId) == why, "expireLease: the reason it ended for");
            _check(escrow.currentLease(l.pico).id == 0, "expireLease: the pico still holds a lease");
        } catch (bytes memory reason) {
            _reverted("expireLease", reason, expected);
        }
    }

    function _opened(uint256 leaseId, address pico, uint256 engineId, uint256 deposit) internal {
        _check(leaseId == store.openLease(pico, engineId, deposit), "openLease: lease id");
        _check(escrow.currentLease(pico).id == leaseId, "openLease: the pico's current lease");
    }

    function _openError(address pico, uint256 engineId, uint256 maxPrice, uint256 deposit)
        internal
        view
        returns (bytes memory expected)
    {
        uint256 existing = store.currentOf(pico);
        if (existing != 0) return abi.encodeWithSelector(Errors.PicoHasLease.selector, pico, existing);
        expected = _slotError(engineId, maxPrice);
        if (expected.length == 0) expected = _depositError(deposit, store.engine(engineId).price);
    }

    /// @dev The error a batch claim by an authorised caller should revert with, or the total it pays.
    function _claimOutcome(uint256 engineId, uint256[] memory batch)
        internal
        view
        returns (bytes memory expected, uint256 total)
    {
        for (uint256 i = 0; i < batch.length; ++i) {
            MarketStore.LeaseModel memory l = store.lease(batch[i]);
            if (l.pico == address(0)) return (abi.encodeWithSelector(Errors.UnknownLease.selector, batch[i]), 0);
            if (l.engineId != engineId) {
                return (abi.encodeWithSelector(Errors.LeaseNotOnEngine.selector, batch[i], engineId), 0);
            }
            bool repeated;
            for (uint256 j = 0; j < i; ++j) {
                repeated = repeated || batch[j] == batch[i];
            }
            if (!repeated) total += store.accrued(batch[i]) - l.paid;
        }
        expected = _sendError(store.payoutOf(engineId), total);
    }

    /// @dev Up to three leases of the engine (repeats possible); one time in eight one of any engine, or unknown.
    function _batch(uint256 engineId, uint256 seed) internal view returns (uint256[] memory batch) {
        uint256[] memory own = store.leasesOn(engineId);
        uint256 n = own.length == 0 ? 1 : 1 + seed % 3;
        batch = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            seed /= 3;
            batch[i] = own.length == 0 || seed % 8 == 7 ? _leaseId(seed / 8) : own[(seed / 8) % own.length];
        }
    }

    /// @dev Usually an active lease whose engine's epoch halted; otherwise, or when there is none, usually an
    /// active lease.
    function _stoppedLeaseId(uint256 seed) internal view returns (uint256) {
        uint256 count = store.leaseCount();
        if (seed % 4 != 3) {
            for (uint256 i = 0; i < count; ++i) {
                uint256 id = 1 + (seed % count + i) % count;
                MarketStore.LeaseModel memory l = store.lease(id);
                if (l.active && l.epoch != store.engine(l.engineId).epoch) return id;
            }
        }
        return _activeLeaseId(seed / 4);
    }

    /// @dev Usually a pico with refunds credited; when there is none, any pico.
    function _refundedPico(uint256 seed) internal view returns (address) {
        address[] memory all = store.members(MarketStore.Role.Pico);
        for (uint256 i = 0; i < all.length; ++i) {
            address p = all[(seed + i) % all.length];
            if (store.refundOf(p) != 0) return p;
        }
        return all[seed % all.length];
    }

    /// @dev Usually an active lease; one time in four, or when none is active, any lease.
    function _activeLeaseId(uint256 seed) internal view returns (uint256) {
        uint256 count = store.leaseCount();
        if (count == 0 || seed % 4 == 3) return _leaseId(seed);
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + (seed % count + i) % count;
            if (store.lease(id).active) return id;
        }
        return _leaseId(seed);
    }
}
