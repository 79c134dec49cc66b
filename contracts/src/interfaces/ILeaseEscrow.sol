// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILeaseEscrow
/// @notice Events of the lease escrow. A pico is an account: it opens, moves and closes its one active lease
/// (itself, or through a sponsor carrying its EIP-712 signature); anyone may top it up; the engine's agent
/// accepts or rejects moves and claims what has accrued, paid to the engine's payout address.
/// @dev Every lease is born with {LeaseOpened} and ends with {LeaseClosed}; a move is {MoveRequested}
/// followed by exactly one of {MoveAccepted}, {MoveRejected}, {MoveExpired} or {MoveCancelled}.
interface ILeaseEscrow {
    /// @notice Why a lease ended: its pico closed it, it moved, its deposit ran out, or its engine halted.
    enum EndReason {
        Closed,
        Moved,
        Exhausted,
        Stopped
    }

    event LeaseOpened(
        uint256 indexed leaseId,
        uint256 indexed engineId,
        address indexed pico,
        uint256 deposit,
        uint256 pricePerHour,
        uint256 epoch
    );
    event LeaseToppedUp(uint256 indexed leaseId, address indexed from, uint256 amount, uint256 deposit);
    event LeaseClaimed(uint256 indexed leaseId, uint256 indexed engineId, uint256 amount, uint256 paid);
    event LeaseClosed(
        uint256 indexed leaseId, uint256 indexed engineId, address indexed pico, EndReason reason, uint256 accrued, uint256 refund
    );
    event MoveRequested(
        uint256 indexed leaseId, address indexed pico, uint256 indexed toEngineId, uint256 pricePerHour, uint256 deadline
    );
    event MoveAccepted(
        uint256 indexed fromLeaseId, uint256 indexed toLeaseId, address indexed pico, uint256 toEngineId, uint256 carried
    );
    event MoveRejected(uint256 indexed leaseId, uint256 indexed toEngineId, address indexed pico, string reason);
    event MoveExpired(uint256 indexed leaseId, uint256 indexed toEngineId, address indexed pico);
    event MoveCancelled(uint256 indexed leaseId, uint256 indexed toEngineId, address indexed pico);
    /// @notice A lease someone else ended left `amount` for its pico, to withdraw with `withdrawRefund`.
    event RefundCredited(address indexed pico, uint256 amount);
    event RefundWithdrawn(address indexed pico, uint256 amount);
}
