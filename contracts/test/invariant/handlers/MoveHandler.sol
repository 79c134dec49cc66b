// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {vm} from "../../utils/Vm.sol";
import {EventReplay} from "../stores/EventReplay.sol";
import {MarketStore} from "../stores/MarketStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

// Time is what the model follows:
// forge-lint: disable-next-item(block-timestamp)
/// @notice Drives two-phase moves: picos ask to move their lease themselves or through sponsors with signed
/// requests, to any engine; the target's agent accepts or rejects; anyone expires a move whose window ran out;
/// time passes across move windows. Each end of a move checks that the pico holds exactly one lease.
contract MoveHandler is BaseHandler {
    constructor(EngineRegistry registry_, MarketStore store_, EventReplay replay_)
        BaseHandler(registry_, store_, replay_)
    {}

    /// @dev A pico asks to move, usually to another listed engine with room, else to any (its own, unlisted, full,
    /// unknown).
    function moveLease(uint256 who, uint256 engine, uint256 maxSeed) external {
        address pico = _pico(who, true, false);
        uint256 to = _target(pico, engine);
        uint256 maxPrice = _maxPrice(maxSeed, to);
        bytes memory expected = _moveError(pico, to, maxPrice);
        _record();
        vm.prank(pico);
        try escrow.moveLease(to, maxPrice) {
            _succeeded("moveLease", expected);
            _requested(pico, to);
        } catch (bytes memory reason) {
            _reverted("moveLease", reason, expected);
        }
    }

    /// @dev A sponsor asks for the pico with its signature, which may be forged, replayed or expired.
    function moveLeaseFor(uint256 who, uint256 by, uint256 engine, uint256 sigSeed) external {
        address pico = _pico(who, true, true);
        address sponsor = store.member(MarketStore.Role.Sponsor, by);
        uint256 to = _target(pico, engine);
        uint256 maxPrice = _maxPrice(sigSeed / 16, to);
        (bytes memory signature, uint256 deadline, bytes memory expected) =
            _signed(escrow.MOVE_LEASE_TYPEHASH(), pico, to, maxPrice, sigSeed);
        if (expected.length == 0) expected = _moveError(pico, to, maxPrice);
        _record();
        vm.prank(sponsor);
        try escrow.moveLeaseFor(pico, to, maxPrice, deadline, signature) {
            _succeeded("moveLeaseFor", expected);
            store.useNonce(pico);
            _requested(pico, to);
        } catch (bytes memory reason) {
            _reverted("moveLeaseFor", reason, expected);
        }
    }

    /// @dev Usually by the target's agent (or operator), within the window or not, to a listed target or not.
    function acceptMove(uint256 lease, uint256 by) external {
        uint256 leaseId = _pendingMoveId(lease);
        MarketStore.LeaseModel memory l = store.lease(leaseId);
        address caller = _usually(store.agentOf(l.moveTo), by);
        bytes memory expected = _pendingMoveError(leaseId, l, caller);
        if (expected.length == 0) expected = _acceptError(leaseId, l);
        _record();
        vm.prank(caller);
        try escrow.acceptMove(leaseId) returns (uint256 toLeaseId) {
            _succeeded("acceptMove", expected);
            _check(toLeaseId == store.acceptMove(leaseId), "acceptMove: new lease id");
            _holdsOnly(l.pico, toLeaseId, "acceptMove: the pico does not hold exactly its new lease");
            _check(replay.endReasonOf(leaseId) == ILeaseEscrow.EndReason.Moved, "acceptMove: the reason it ended for");
        } catch (bytes memory reason) {
            _reverted("acceptMove", reason, expected);
        }
    }

    /// @dev Usually by the target's agent, one time in eight without a reason or with one too long.
    function rejectMove(uint256 lease, uint256 by, uint256 reasonSeed) external {
        uint256 leaseId = _pendingMoveId(lease);
        MarketStore.LeaseModel memory l = store.lease(leaseId);
        address caller = _usually(store.agentOf(l.moveTo), by);
        uint256 length = reasonSeed % 16 == 15 ? 0 : reasonSeed % 16 == 14 ? 129 : 1 + reasonSeed % 128;
        bytes memory expected = _pendingMoveError(leaseId, l, caller);
        if (expected.length == 0 && (length == 0 || length > 128)) {
            expected = abi.encodeWithSelector(Errors.FieldLength.selector, "reason", length, uint256(1), uint256(128));
        }
        string memory reason_ = string(new bytes(length));
        _record();
        vm.prank(caller);
        try escrow.rejectMove(leaseId, reason_) {
            _succeeded("rejectMove", expected);
            store.dropMove(leaseId);
            _holdsOnly(l.pico, leaseId, "rejectMove: the pico does not hold exactly its lease");
        } catch (bytes memory reason) {
            _reverted("rejectMove", reason, expected);
        }
    }

    /// @dev Anyone, within the window or after it.
    function expireMove(uint256 lease, uint256 who) external {
        uint256 leaseId = _pendingMoveId(lease);
        MarketStore.LeaseModel memory l = store.lease(leaseId);
        bytes memory expected;
        if (l.pico == address(0)) {
            expected = abi.encodeWithSelector(Errors.UnknownLease.selector, leaseId);
        } else if (l.moveTo == 0) {
            expected = abi.encodeWithSelector(Errors.NoPendingMove.selector, leaseId);
        } else if (block.timestamp <= l.moveDeadline) {
            expected = abi.encodeWithSelector(Errors.MoveWindowOpen.selector, leaseId, l.moveDeadline);
        }
        address caller = store.anyone(who);
        _record();
        vm.prank(caller);
        try escrow.expireMove(leaseId) {
            _succeeded("expireMove", expected);
            store.dropMove(leaseId);
            _holdsOnly(l.pico, leaseId, "expireMove: the pico does not hold exactly its lease");
        } catch (bytes memory reason) {
            _reverted("expireMove", reason, expected);
        }
    }

    /// @dev Minutes to hours pass, within a move window (three hours, or as governance set it) or past it, so that
    /// moves get accepted late and expire.
    function waitForMoves(uint256 seed) external {
        _warp(_bound(seed, 1, 4 hours));
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Usually a listed engine with room other than the one the pico's lease is on.
    function _target(address pico, uint256 seed) internal view returns (uint256) {
        return _openEngine(seed, store.lease(store.currentOf(pico)).engineId);
    }

    function _requested(address pico, uint256 to) internal {
        uint256 leaseId = store.currentOf(pico);
        store.requestMove(leaseId, to, store.engine(to).price, block.timestamp + store.params().moveWindow);
        _holdsOnly(pico, leaseId, "moveLease: the pico does not hold exactly its lease");
    }

    function _moveError(address pico, uint256 to, uint256 maxPrice) internal view returns (bytes memory expected) {
        uint256 leaseId = store.currentOf(pico);
        if (leaseId == 0) return abi.encodeWithSelector(Errors.NoActiveLease.selector, pico);
        MarketStore.LeaseModel memory l = store.lease(leaseId);
        if (l.moveTo != 0) return abi.encodeWithSelector(Errors.MovePending.selector, leaseId, l.moveTo);
        if (to == l.engineId) return abi.encodeWithSelector(Errors.SameEngine.selector, leaseId, to);
        expected = _slotError(to, maxPrice);
        if (expected.length == 0) expected = _depositError(l.deposit - store.accrued(leaseId), store.engine(to).price);
    }

    /// @dev Why the target's agent could not accept the pending move (empty if it can).
    function _acceptError(uint256 leaseId, MarketStore.LeaseModel memory l) internal view returns (bytes memory) {
        if (block.timestamp > l.moveDeadline) {
            return abi.encodeWithSelector(Errors.MoveWindowClosed.selector, leaseId, l.moveDeadline);
        }
        if (!store.isListed(l.moveTo)) return abi.encodeWithSelector(Errors.EngineNotListed.selector, l.moveTo);
        if (store.accrued(leaseId) == l.deposit) {
            return abi.encodeWithSelector(Errors.LeaseExhausted.selector, leaseId);
        }
        return "";
    }

    /// @dev Why `caller` could not act on the lease's pending move as its target's agent (empty if it can).
    function _pendingMoveError(uint256 leaseId, MarketStore.LeaseModel memory l, address caller)
        internal
        view
        returns (bytes memory)
    {
        if (l.pico == address(0)) return abi.encodeWithSelector(Errors.UnknownLease.selector, leaseId);
        if (l.moveTo == 0) return abi.encodeWithSelector(Errors.NoPendingMove.selector, leaseId);
        return _agentError(l.moveTo, caller);
    }

    /// @dev Reports `what` unless the pico's one current lease is `leaseId`, active, and its own.
    function _holdsOnly(address pico, uint256 leaseId, string memory what) internal {
        LeaseEscrow.LeaseView memory v = escrow.currentLease(pico);
        _check(v.id == leaseId && v.active && v.pico == pico, what);
    }
}
