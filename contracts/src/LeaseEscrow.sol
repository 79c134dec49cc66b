// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Errors} from "./Errors.sol";
import {Transfers} from "./Transfers.sol";
import {IEngineRegistry} from "./interfaces/IEngineRegistry.sol";
import {LeaseBook} from "./escrow/LeaseBook.sol";
import {PicoSignatures} from "./escrow/PicoSignatures.sol";

/// @title LeaseEscrow
/// @notice Pays engines for hosting picos. A pico is an account: only it (or a sponsor carrying its EIP-712
/// signature) opens or moves its lease, and it holds at most one active lease, so {currentLease} says where it lives.
/// A lease is opened on a listed engine with room at no more than the price the pico accepts, with a deposit covering
/// at least the minimum prepaid period; anyone may top it up. The engine's agent claims what has accrued, paid to
/// the engine's payout address. A move is two-phase: the pico asks, a slot is held on the target, and the target's
/// agent accepts (the source is paid up to then), rejects, or lets the move window run out; until it is accepted the
/// lease stays where it was, exactly as it was. A lease whose deposit ran out, or whose engine halted, can be ended by
/// anyone, freeing its slot.
/// @dev Checks, effects and interactions are labelled; the registry is trusted (it deployed this escrow).
contract LeaseEscrow is LeaseBook, PicoSignatures, ReentrancyGuardTransient {
    uint256 private constant MAX_REASON = 128;

    constructor(IEngineRegistry registry_) LeaseBook(registry_) {}

    /// @notice The caller, a pico, opens its lease on `engineId` with `msg.value` as deposit.
    /// @param maxPricePerHour The most the pico pays per hour; reverts with {Errors.PriceAboveMax} above it.
    /// @return leaseId The new lease's id, counting from 1.
    function openLease(uint256 engineId, uint256 maxPricePerHour) external payable returns (uint256 leaseId) {
        return _open(msg.sender, engineId, maxPricePerHour);
    }

    /// @notice A sponsor opens `pico`'s lease with the pico's EIP-712 signature, paying the deposit and the gas.
    function openLeaseFor(
        address pico,
        uint256 engineId,
        uint256 maxPricePerHour,
        uint256 deadline,
        bytes calldata signature
    ) external payable returns (uint256 leaseId) {
        _checkPicoSignature(OPEN_LEASE_TYPEHASH, pico, engineId, maxPricePerHour, deadline, signature);
        return _open(pico, engineId, maxPricePerHour);
    }

    /// @notice Adds `msg.value` to the pico's active lease. Anyone may top a lease up.
    function topUp(address pico) external payable {
        (uint256 leaseId, Lease storage l) = _currentLease(pico);
        uint256 room = type(uint80).max - l.deposit;
        if (msg.value == 0 || msg.value > room) revert Errors.InvalidDeposit(msg.value, 1, room);
        uint256 deposit = l.deposit + msg.value;
        l.deposit = uint80(deposit);
        emit LeaseToppedUp(leaseId, msg.sender, msg.value, deposit);
    }

    /// @notice The caller, a pico, asks to move its lease to `toEngineId`: a slot is held there until the target's
    /// agent accepts or rejects, or the move window runs out. The lease stays where it is meanwhile.
    function moveLease(uint256 toEngineId, uint256 maxPricePerHour) external {
        _requestMove(msg.sender, toEngineId, maxPricePerHour);
    }

    /// @notice A sponsor asks to move `pico`'s lease with the pico's EIP-712 signature.
    function moveLeaseFor(
        address pico,
        uint256 toEngineId,
        uint256 maxPricePerHour,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _checkPicoSignature(MOVE_LEASE_TYPEHASH, pico, toEngineId, maxPricePerHour, deadline, signature);
        _requestMove(pico, toEngineId, maxPricePerHour);
    }

    /// @notice The target engine's agent accepts a pending move: the source lease ends, paid up to now, and a lease
    /// on the target starts now with what was left, at the price the move was asked at.
    /// @return toLeaseId The pico's new lease.
    function acceptMove(uint256 leaseId) external returns (uint256 toLeaseId) {
        // Checks
        (Lease storage l, PendingMove storage move) = _pendingMove(leaseId);
        uint256 toEngineId = move.toEngineId;
        (uint256 epoch, bool listed) = registry.authorizeMove(toEngineId, msg.sender);
        if (block.timestamp > move.deadline) revert Errors.MoveWindowClosed(leaseId, move.deadline);
        if (!listed) revert Errors.EngineNotListed(toEngineId);
        uint256 accrued = _accrued(l);
        if (accrued == l.deposit) revert Errors.LeaseExhausted(leaseId);
        // Effects (the target slot held by the move passes to the new lease)
        uint256 price = move.pricePerHour;
        _takeMove(leaseId);
        uint256 carried = _end(leaseId, l, accrued, EndReason.Moved);
        address pico = l.pico;
        toLeaseId = _create(pico, toEngineId, price, epoch, carried);
        emit MoveAccepted(leaseId, toLeaseId, pico, toEngineId, carried);
    }

    /// @notice The target engine's agent refuses a pending move, saying why (1-128 bytes); the lease stays as it was.
    function rejectMove(uint256 leaseId, string calldata reason) external {
        (Lease storage l, PendingMove storage move) = _pendingMove(leaseId);
        registry.authorizeMove(move.toEngineId, msg.sender);
        Errors.requireLength("reason", bytes(reason).length, 1, MAX_REASON);
        uint256 toEngineId = _dropMove(leaseId);
        emit MoveRejected(leaseId, toEngineId, l.pico, reason);
    }

    /// @notice Anyone ends a pending move whose window has run out; the lease stays as it was.
    function expireMove(uint256 leaseId) external {
        (Lease storage l, PendingMove storage move) = _pendingMove(leaseId);
        if (block.timestamp <= move.deadline) revert Errors.MoveWindowOpen(leaseId, move.deadline);
        uint256 toEngineId = _dropMove(leaseId);
        emit MoveExpired(leaseId, toEngineId, l.pico);
    }

    /// @notice The caller, a pico, closes its lease: what has accrued stays claimable by the engine, the rest comes
    /// back to the pico. A pending move is cancelled.
    /// @return refund The amount sent back.
    function close() external nonReentrant returns (uint256 refund) {
        // Checks
        (uint256 leaseId, Lease storage l) = _currentLease(msg.sender);
        // Effects
        _cancelMove(leaseId, l);
        refund = _end(leaseId, l, _accrued(l), EndReason.Closed);
        // Interactions
        if (refund > 0) Transfers.sendValue(msg.sender, refund);
    }

    /// @notice Anyone ends a lease whose deposit has run out, or whose engine halted (its epoch stopped accruing),
    /// freeing the engine's slot; the engine keeps what it earned, claimable as before, and what did not accrue is
    /// kept for the pico ({refundOf}, {withdrawRefund}). A pending move is cancelled.
    /// @return refund The amount kept for the pico.
    function expireLease(uint256 leaseId) external returns (uint256 refund) {
        // Checks
        Lease storage l = _lease(leaseId);
        if (!l.active) revert Errors.LeaseNotActive(leaseId);
        uint256 end = _accrualEnd(l);
        uint256 accrued = _accruedUntil(l, end);
        bool exhausted = accrued == l.deposit;
        if (!exhausted && end == block.timestamp) {
            revert Errors.LeaseNotExhausted(leaseId, l.deposit - accrued);
        }
        // Effects
        _cancelMove(leaseId, l);
        refund = _end(leaseId, l, accrued, exhausted ? EndReason.Exhausted : EndReason.Stopped);
        if (refund > 0) _creditRefund(l.pico, refund);
    }

    /// @notice The caller, a pico, takes back what leases ended by others left for it.
    function withdrawRefund() external nonReentrant returns (uint256 amount) {
        amount = _takeRefund(msg.sender);
        Transfers.sendValue(msg.sender, amount);
    }

    /// @notice The engine's agent (or operator) claims what has accrued on the given leases of `engineId` since
    /// their last claim; it is paid to the engine's payout address.
    /// @return total The amount paid.
    function claim(uint256 engineId, uint256[] calldata leaseIds) external nonReentrant returns (uint256 total) {
        // Checks
        (address payout, uint256 epoch) = registry.authorizeClaim(engineId, msg.sender);
        // Effects
        for (uint256 i = 0; i < leaseIds.length; ++i) {
            uint256 leaseId = leaseIds[i];
            Lease storage l = _lease(leaseId);
            if (l.engineId != engineId) revert Errors.LeaseNotOnEngine(leaseId, engineId);
            uint256 accrued;
            if (!l.active) accrued = l.deposit;
            else if (l.epoch == epoch) accrued = _accruedUntil(l, block.timestamp);
            else accrued = _accrued(l);
            uint256 amount = accrued - l.paid;
            l.paid = uint80(accrued);
            total += amount;
            emit LeaseClaimed(leaseId, engineId, amount, accrued);
        }
        // Interactions
        if (total > 0) Transfers.sendValue(payout, total);
    }

    function _open(address pico, uint256 engineId, uint256 maxPricePerHour) private returns (uint256 leaseId) {
        // Checks
        uint256 existing = _currentLeaseId(pico);
        if (existing != 0) revert Errors.PicoHasLease(pico, existing);
        // Effects (the registry is trusted: it deployed this escrow)
        (uint256 price, uint256 epoch, uint256 minPrepaidPeriod,) = registry.occupySlot(engineId, maxPricePerHour);
        _requireDeposit(msg.value, price, minPrepaidPeriod);
        leaseId = _create(pico, engineId, price, epoch, msg.value);
    }

    function _requestMove(address pico, uint256 toEngineId, uint256 maxPricePerHour) private {
        // Checks
        (uint256 leaseId, Lease storage l) = _currentLease(pico);
        uint256 pendingTo = _move(leaseId).toEngineId;
        if (pendingTo != 0) revert Errors.MovePending(leaseId, pendingTo);
        if (toEngineId == l.engineId) revert Errors.SameEngine(leaseId, toEngineId);
        uint256 left = l.deposit - _accrued(l);
        // Effects
        (uint256 price,, uint256 minPrepaidPeriod, uint256 moveWindow) =
            registry.occupySlot(toEngineId, maxPricePerHour);
        _requireDeposit(left, price, minPrepaidPeriod);
        uint256 deadline = block.timestamp + moveWindow;
        _setMove(leaseId, toEngineId, price, deadline);
        emit MoveRequested(leaseId, pico, toEngineId, price, deadline);
    }

    function _cancelMove(uint256 leaseId, Lease storage l) private {
        if (_move(leaseId).toEngineId != 0) emit MoveCancelled(leaseId, _dropMove(leaseId), l.pico);
    }

    function _pendingMove(uint256 leaseId) private view returns (Lease storage l, PendingMove storage move) {
        l = _lease(leaseId);
        move = _move(leaseId);
        if (move.toEngineId == 0) revert Errors.NoPendingMove(leaseId);
    }
}
