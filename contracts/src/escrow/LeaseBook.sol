// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Errors} from "../Errors.sol";
import {IEngineRegistry} from "../interfaces/IEngineRegistry.sol";
import {ILeaseEscrow} from "../interfaces/ILeaseEscrow.sol";

/// @title LeaseBook
/// @notice The escrow's ledger: leases in packed storage, each pico's one active lease, and accrual.
/// @dev A lease accrues its price by the second from its start, capped at its deposit, until its engine's epoch
/// halts (the engine unbonded or was slashed below the minimum stake). An ended lease keeps `deposit` equal to what
/// accrued, so the engine can still claim it. Accrual is continuous: a lease that ran dry and is topped up before
/// anyone ends it pays for the time it was dry, because its engine kept hosting the pico.
abstract contract LeaseBook is ILeaseEscrow {
    using SafeCast for uint256;

    /// @dev Two slots, written once each when the lease is created.
    struct Lease {
        address pico;
        uint48 engineId;
        uint40 startedAt;
        bool active;
        uint80 deposit;
        uint80 paid;
        uint72 pricePerHour;
        uint24 epoch;
    }

    /// @dev A lease's pending move, in a slot of its own that exists only while the move is pending.
    struct PendingMove {
        uint48 toEngineId;
        uint72 pricePerHour;
        uint40 deadline;
    }

    /// @notice A lease as readers see it, with what has accrued and what the engine can claim now. A pending move
    /// has a non-zero `moveTo`.
    struct LeaseView {
        uint256 id;
        address pico;
        uint256 engineId;
        uint256 startedAt;
        bool active;
        uint256 deposit;
        uint256 paid;
        uint256 pricePerHour;
        uint256 epoch;
        uint256 accrued;
        uint256 claimable;
        uint256 moveTo;
        uint256 movePrice;
        uint256 moveDeadline;
    }

    /// @notice The registry whose engines leases are opened on.
    IEngineRegistry public immutable registry;

    /// @dev Starts at 1 so that id 0 is never a lease and the first opening pays no fresh-slot write.
    uint256 private _nextLeaseId = 1;
    mapping(uint256 leaseId => Lease) private _leases;
    mapping(uint256 leaseId => PendingMove) private _moves;
    mapping(address pico => uint256 leaseId) private _current;
    mapping(address pico => uint256 amount) private _refunds;

    constructor(IEngineRegistry registry_) {
        registry = registry_;
    }

    /// @notice The pico's active lease (id 0 when it has none): where the pico lives, unspoofably.
    function currentLease(address pico) external view returns (LeaseView memory) {
        uint256 leaseId = _current[pico];
        if (leaseId == 0) return LeaseView(0, pico, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        return _view(leaseId);
    }

    /// @notice A lease with what has accrued and what is claimable now. Reverts with {Errors.UnknownLease}.
    function lease(uint256 leaseId) external view returns (LeaseView memory) {
        _lease(leaseId);
        return _view(leaseId);
    }

    /// @notice What `pico` can take back with {withdrawRefund}: the unaccrued rest of leases others ended for it.
    function refundOf(address pico) external view returns (uint256) {
        return _refunds[pico];
    }

    /// @notice How many leases were ever opened, moved ones included.
    function leaseCount() external view returns (uint256) {
        return _nextLeaseId - 1;
    }

    function _create(address pico, uint256 engineId, uint256 price, uint256 epoch, uint256 deposit)
        internal
        returns (uint256 leaseId)
    {
        leaseId = _nextLeaseId++;
        _leases[leaseId] = Lease({
            pico: pico,
            engineId: engineId.toUint48(),
            startedAt: uint40(block.timestamp),
            active: true,
            deposit: uint80(deposit),
            paid: 0,
            pricePerHour: uint72(price), // the registry caps prices at 72 bits
            epoch: epoch.toUint24()
        });
        _current[pico] = leaseId;
        emit LeaseOpened(leaseId, engineId, pico, deposit, price, epoch);
    }

    /// @dev Marks the lease inactive with its deposit cut to what accrued, frees its engine slot (a call to the
    /// trusted registry, before any value moves) and forgets it as its pico's lease.
    function _end(uint256 leaseId, Lease storage l, uint256 accrued, EndReason reason) internal returns (uint256 rest) {
        rest = l.deposit - accrued;
        l.deposit = uint80(accrued);
        l.active = false;
        delete _current[l.pico];
        registry.releaseSlot(l.engineId);
        emit LeaseClosed(leaseId, l.engineId, l.pico, reason, accrued, reason == EndReason.Moved ? 0 : rest);
    }

    /// @dev Drops a pending move, freeing the slot it held on the target engine.
    function _dropMove(uint256 leaseId) internal returns (uint256 toEngineId) {
        toEngineId = _moves[leaseId].toEngineId;
        delete _moves[leaseId];
        registry.releaseSlot(toEngineId);
    }

    function _setMove(uint256 leaseId, uint256 toEngineId, uint256 price, uint256 deadline) internal {
        // The registry's engine ids, prices and the block time fit these widths (48, 72 and 40 bits).
        _moves[leaseId] = PendingMove(uint48(toEngineId), uint72(price), uint40(deadline));
    }

    /// @dev Forgets a pending move whose held target slot passes to the lease the move creates.
    function _takeMove(uint256 leaseId) internal {
        delete _moves[leaseId];
    }

    function _move(uint256 leaseId) internal view returns (PendingMove storage) {
        return _moves[leaseId];
    }

    /// @dev Keeps `amount` for the pico to withdraw: a lease ended by someone else must not depend on whether the
    /// pico accepts a payment.
    function _creditRefund(address pico, uint256 amount) internal {
        _refunds[pico] += amount;
        emit RefundCredited(pico, amount);
    }

    function _takeRefund(address pico) internal returns (uint256 amount) {
        amount = _refunds[pico];
        if (amount == 0) revert Errors.NoPayout(pico);
        _refunds[pico] = 0;
        emit RefundWithdrawn(pico, amount);
    }

    function _accrued(Lease storage l) internal view returns (uint256) {
        if (!l.active) return l.deposit;
        return _accruedUntil(l, registry.accrualEnd(l.engineId, l.epoch));
    }

    /// @dev When the lease stops accruing: now while its engine's epoch runs, the halt's time after.
    function _accrualEnd(Lease storage l) internal view returns (uint256) {
        return registry.accrualEnd(l.engineId, l.epoch);
    }

    function _accruedUntil(Lease storage l, uint256 end) internal view returns (uint256) {
        uint256 start = l.startedAt;
        if (end <= start) return 0;
        uint256 due = uint256(l.pricePerHour) * (end - start) / 1 hours;
        uint256 deposit = l.deposit;
        return due < deposit ? due : deposit;
    }

    function _lease(uint256 leaseId) internal view returns (Lease storage l) {
        l = _leases[leaseId];
        if (l.pico == address(0)) revert Errors.UnknownLease(leaseId);
    }

    function _currentLease(address pico) internal view returns (uint256 leaseId, Lease storage l) {
        leaseId = _current[pico];
        if (leaseId == 0) revert Errors.NoActiveLease(pico);
        l = _leases[leaseId];
    }

    function _currentLeaseId(address pico) internal view returns (uint256) {
        return _current[pico];
    }

    /// @dev Reverts unless `deposit` covers `minPrepaidPeriod` at `price` (and at least 1 wei) and fits 80 bits.
    function _requireDeposit(uint256 deposit, uint256 price, uint256 minPrepaidPeriod) internal pure {
        uint256 min = (price * minPrepaidPeriod + 1 hours - 1) / 1 hours;
        if (min == 0) min = 1;
        if (deposit < min || deposit > type(uint80).max) revert Errors.InvalidDeposit(deposit, min, type(uint80).max);
    }

    function _view(uint256 leaseId) private view returns (LeaseView memory v) {
        Lease storage l = _leases[leaseId];
        uint256 accrued = _accrued(l);
        v = LeaseView({
            id: leaseId,
            pico: l.pico,
            engineId: l.engineId,
            startedAt: l.startedAt,
            active: l.active,
            deposit: l.deposit,
            paid: l.paid,
            pricePerHour: l.pricePerHour,
            epoch: l.epoch,
            accrued: accrued,
            claimable: accrued - l.paid,
            moveTo: _moves[leaseId].toEngineId,
            movePrice: _moves[leaseId].pricePerHour,
            moveDeadline: _moves[leaseId].deadline
        });
    }
}
