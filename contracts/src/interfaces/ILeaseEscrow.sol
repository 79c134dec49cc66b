// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILeaseEscrow
/// @notice Events of the lease escrow: a pico's payer deposits, the engine's operator claims what has accrued,
/// and the lease moves with the pico from engine to engine.
interface ILeaseEscrow {
    event LeaseOpened(
        uint256 indexed leaseId,
        uint256 indexed engineId,
        bytes32 indexed picoDidHash,
        address payer,
        string picoDid,
        uint256 deposit,
        uint256 pricePerHour
    );
    event LeaseToppedUp(uint256 indexed leaseId, uint256 amount, uint256 deposit);
    event LeaseClaimed(uint256 indexed leaseId, uint256 indexed engineId, uint256 amount, uint256 paid);
    event LeaseClosed(uint256 indexed leaseId, uint256 indexed engineId, uint256 accrued, uint256 refund);
    event LeaseMoved(
        uint256 indexed fromLeaseId,
        uint256 indexed toLeaseId,
        uint256 indexed toEngineId,
        uint256 fromEngineId,
        bytes32 picoDidHash,
        uint256 carried,
        uint256 pricePerHour
    );
}
