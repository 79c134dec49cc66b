// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Errors} from "./Errors.sol";
import {Transfers} from "./Transfers.sol";
import {IEngineRegistry} from "./interfaces/IEngineRegistry.sol";
import {ILeaseEscrow} from "./interfaces/ILeaseEscrow.sol";

/// @title LeaseEscrow
/// @notice Pays engines for hosting picos. Deployed by its {EngineRegistry}, which keeps each engine's count of
/// active leases. A payer opens a lease on a listed engine with room, at the engine's
/// price of the moment; the deposit accrues to the engine by the second, capped at the deposit. The operator
/// claims what has accrued; the payer tops up, closes (the accrued part stays claimable, the rest is
/// refunded), or moves the lease to another engine together with the pico, carrying what is left.
/// @dev Accrual is continuous from the opening: a lease that ran dry and is topped up pays for the time it
/// was dry, because the engine kept hosting the pico.
contract LeaseEscrow is ILeaseEscrow, ReentrancyGuardTransient {
    using SafeCast for uint256;

    uint256 private constant MAX_DID = 256;

    /// @dev Three slots. A closed lease keeps `deposit` equal to what accrued, so the engine can still claim.
    struct Lease {
        address payer;
        uint48 engineId;
        uint40 startedAt;
        bool active;
        uint80 deposit;
        uint80 paid;
        uint80 pricePerHour;
        bytes32 picoDidHash;
    }

    /// @notice A lease as readers see it, with what has accrued and what the operator can claim now.
    struct LeaseView {
        address payer;
        uint256 engineId;
        uint256 startedAt;
        bool active;
        uint256 deposit;
        uint256 paid;
        uint256 pricePerHour;
        bytes32 picoDidHash;
        uint256 accrued;
        uint256 claimable;
    }

    /// @notice The registry whose engines leases are opened on; it deployed this escrow.
    IEngineRegistry public immutable registry;

    /// @dev Starts at 1 so that id 0 is never a lease and the first opening pays no fresh-slot write.
    uint256 private _nextLeaseId = 1;
    mapping(uint256 leaseId => Lease) private _leases;

    constructor(IEngineRegistry registry_) {
        registry = registry_;
    }

    /// @notice Opens a lease for the pico `picoDid` on a listed engine with a free slot, depositing `msg.value`.
    /// @return leaseId The new lease's id, counting from 1.
    function openLease(uint256 engineId, string calldata picoDid) external payable returns (uint256 leaseId) {
        // Checks
        Errors.requireLength("picoDid", bytes(picoDid).length, 1, MAX_DID);
        _requireDeposit(msg.value);
        // Effects (the registry is trusted: it deployed this escrow)
        uint256 price = registry.occupySlot(engineId);
        bytes32 didHash = keccak256(bytes(picoDid));
        leaseId = _create(msg.sender, engineId, price, msg.value, didHash);
        emit LeaseOpened(leaseId, engineId, didHash, msg.sender, picoDid, msg.value, price);
    }

    /// @notice Adds `msg.value` to an active lease's deposit. Only its payer.
    function topUp(uint256 leaseId) external payable {
        Lease storage l = _payersActiveLease(leaseId);
        uint256 deposit = l.deposit + msg.value;
        if (msg.value == 0 || deposit > type(uint80).max) revert Errors.InvalidDeposit(msg.value, type(uint80).max);
        l.deposit = uint80(deposit);
        emit LeaseToppedUp(leaseId, msg.value, deposit);
    }

    /// @notice Pays the caller what has accrued on the given leases since their last claim. The caller must
    /// operate every lease's engine.
    /// @return total The amount sent.
    function claim(uint256[] calldata leaseIds) external nonReentrant returns (uint256 total) {
        uint256 engineId;
        address operator;
        for (uint256 i = 0; i < leaseIds.length; ++i) {
            uint256 leaseId = leaseIds[i];
            Lease storage l = _lease(leaseId);
            if (l.engineId != engineId) {
                engineId = l.engineId;
                operator = registry.operatorOf(engineId);
            }
            if (operator != msg.sender) revert Errors.NotLeaseOperator(leaseId, msg.sender, operator);
            uint256 accrued = _accrued(l);
            uint256 amount = accrued - l.paid;
            l.paid = uint80(accrued);
            total += amount;
            emit LeaseClaimed(leaseId, engineId, amount, accrued);
        }
        if (total > 0) Transfers.sendValue(msg.sender, total);
    }

    /// @notice Closes a lease: what has accrued stays claimable by the engine, the rest goes back to the payer.
    /// @return refund The amount sent back.
    function close(uint256 leaseId) external nonReentrant returns (uint256 refund) {
        Lease storage l = _payersActiveLease(leaseId);
        uint256 accrued = _accrued(l);
        refund = l.deposit - accrued;
        _end(l, accrued);
        emit LeaseClosed(leaseId, l.engineId, accrued, refund);
        if (refund > 0) Transfers.sendValue(msg.sender, refund);
    }

    /// @notice Moves a lease with its pico: closes it (what accrued stays claimable by the old engine) and
    /// opens a lease on `newEngineId`, at that engine's price, with what was left of the deposit.
    /// @return newLeaseId The lease on the new engine.
    function moveLease(uint256 leaseId, uint256 newEngineId) external returns (uint256 newLeaseId) {
        // Checks
        Lease storage l = _payersActiveLease(leaseId);
        uint256 oldEngineId = l.engineId;
        if (newEngineId == oldEngineId) revert Errors.SameEngine(leaseId, newEngineId);
        uint256 accrued = _accrued(l);
        uint256 carried = l.deposit - accrued;
        if (carried == 0) revert Errors.LeaseExhausted(leaseId);
        // Effects
        uint256 price = registry.occupySlot(newEngineId);
        _end(l, accrued);
        newLeaseId = _create(msg.sender, newEngineId, price, carried, l.picoDidHash);
        emit LeaseClosed(leaseId, oldEngineId, accrued, 0);
        emit LeaseMoved(leaseId, newLeaseId, newEngineId, oldEngineId, l.picoDidHash, carried, price);
    }

    /// @notice A lease with what has accrued and what is claimable now. Reverts with {Errors.UnknownLease}.
    function lease(uint256 leaseId) external view returns (LeaseView memory) {
        Lease storage l = _lease(leaseId);
        uint256 accrued = _accrued(l);
        return LeaseView({
            payer: l.payer,
            engineId: l.engineId,
            startedAt: l.startedAt,
            active: l.active,
            deposit: l.deposit,
            paid: l.paid,
            pricePerHour: l.pricePerHour,
            picoDidHash: l.picoDidHash,
            accrued: accrued,
            claimable: accrued - l.paid
        });
    }

    /// @notice How many leases were ever opened, moved ones included.
    function leaseCount() external view returns (uint256) {
        return _nextLeaseId - 1;
    }

    function _create(address payer, uint256 engineId, uint256 price, uint256 deposit, bytes32 didHash)
        private
        returns (uint256 leaseId)
    {
        leaseId = _nextLeaseId++;
        _leases[leaseId] = Lease({
            payer: payer,
            engineId: engineId.toUint48(),
            startedAt: uint40(block.timestamp),
            active: true,
            deposit: uint80(deposit),
            paid: 0,
            pricePerHour: uint80(price),
            picoDidHash: didHash
        });
    }

    /// @dev Marks the lease inactive with its deposit cut to what accrued, and frees its engine slot (a call
    /// to the trusted registry, before any value moves).
    function _end(Lease storage l, uint256 accrued) private {
        l.deposit = uint80(accrued);
        l.active = false;
        registry.releaseSlot(l.engineId);
    }

    function _accrued(Lease storage l) private view returns (uint256) {
        if (!l.active) return l.deposit;
        uint256 due = uint256(l.pricePerHour) * (block.timestamp - l.startedAt) / 1 hours;
        return due < l.deposit ? due : l.deposit;
    }

    function _lease(uint256 leaseId) private view returns (Lease storage l) {
        l = _leases[leaseId];
        if (l.payer == address(0)) revert Errors.UnknownLease(leaseId);
    }

    function _payersActiveLease(uint256 leaseId) private view returns (Lease storage l) {
        l = _lease(leaseId);
        if (l.payer != msg.sender) revert Errors.NotPayer(leaseId, msg.sender, l.payer);
        if (!l.active) revert Errors.LeaseNotActive(leaseId);
    }

    function _requireDeposit(uint256 amount) private pure {
        if (amount == 0 || amount > type(uint80).max) revert Errors.InvalidDeposit(amount, type(uint80).max);
    }
}
