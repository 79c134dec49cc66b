// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Errors
/// @notice Every custom error of picomesh's contracts, in one place, each carrying the context a caller needs
/// to understand the failure without reading the source.
library Errors {
    /*//////////////////////////////////////////////////////////////
                                ADVERTS
    //////////////////////////////////////////////////////////////*/

    /// @notice An advert's string field is shorter than `min` or longer than `max` bytes.
    error FieldLength(string field, uint256 length, uint256 min, uint256 max);

    /// @notice An engine must offer at least one pico slot.
    error ZeroCapacity();

    /// @notice A number of the advert exceeds what the registry stores (price: 72 bits, capacity: 24 bits).
    error NumberTooLarge(string field, uint256 value, uint256 max);

    /*//////////////////////////////////////////////////////////////
                            ENGINES AND STAKE
    //////////////////////////////////////////////////////////////*/

    /// @notice No engine was ever registered under `engineId`.
    error UnknownEngine(uint256 engineId);

    /// @notice Only the engine's operator may do this.
    error NotOperator(uint256 engineId, address caller, address operator);

    /// @notice A registration must carry at least the minimum stake.
    error InsufficientStake(uint256 sent, uint256 minStake);

    /// @notice An amount of zero was given where something must move.
    error ZeroAmount();

    /// @notice The operator asked to unbond more than the engine's active stake.
    error UnbondExceedsStake(uint256 engineId, uint256 requested, uint256 stake);

    /// @notice Nothing is unbonding for this engine (never requested, or already withdrawn).
    error NothingToWithdraw(uint256 engineId);

    /// @notice Unbonded stake stays locked until `unlockAt` (unix seconds).
    error UnbondingLocked(uint256 engineId, uint256 unlockAt, uint256 currentTime);

    /// @notice The engine's active stake is below the minimum, so it is not listed.
    error EngineNotListed(uint256 engineId);

    /*//////////////////////////////////////////////////////////////
                         CHALLENGES AND SLASHING
    //////////////////////////////////////////////////////////////*/

    /// @notice The challenge bond must be exactly `required` wei.
    error WrongChallengeBond(uint256 sent, uint256 required);

    /// @notice The engine already has an open challenge, answerable until `deadline`.
    error ChallengeAlreadyOpen(uint256 engineId, uint256 deadline);

    /// @notice The engine has no open challenge.
    error NoOpenChallenge(uint256 engineId);

    /// @notice The challenge can only be executed once its window closes at `deadline`.
    error ChallengeWindowOpen(uint256 engineId, uint256 deadline);

    /// @notice The challenge's answer window closed at `deadline`.
    error ChallengeWindowClosed(uint256 engineId, uint256 deadline);

    /// @notice Stake cannot leave while a challenge against the engine is open.
    error ChallengePending(uint256 engineId);

    /// @notice A slash of `bps` basis points exceeds the allowed `maxBps`, or is zero.
    error InvalidSlash(uint256 bps, uint256 maxBps);

    /*//////////////////////////////////////////////////////////////
                         PAYOUTS AND PARAMETERS
    //////////////////////////////////////////////////////////////*/

    /// @notice The account has no payout to withdraw.
    error NoPayout(address account);

    /// @notice Sending `amount` wei to `to` failed.
    error TransferFailed(address to, uint256 amount);

    /// @notice A governance parameter was set outside its sane bounds.
    error ParameterOutOfBounds(bytes32 name, uint256 value, uint256 min, uint256 max);

    /*//////////////////////////////////////////////////////////////
                               TRUST LISTS
    //////////////////////////////////////////////////////////////*/

    /// @notice No trust list exists under `listId`.
    error UnknownTrustList(uint256 listId);

    /// @notice Only the list's curator may change it.
    error NotCurator(uint256 listId, address caller, address curator);

    /*//////////////////////////////////////////////////////////////
                                 LEASES
    //////////////////////////////////////////////////////////////*/

    /// @notice Only the registry's own lease escrow may take or free an engine's slots.
    error NotEscrow(address caller);

    /// @notice The engine's active leases already equal its capacity.
    error EngineAtCapacity(uint256 engineId, uint256 capacity);

    /// @notice A deposit must be more than zero and fit 80 bits.
    error InvalidDeposit(uint256 amount, uint256 max);

    /// @notice No lease exists under `leaseId`.
    error UnknownLease(uint256 leaseId);

    /// @notice The lease is closed (or moved): it can only be claimed from.
    error LeaseNotActive(uint256 leaseId);

    /// @notice Only the lease's payer may do this.
    error NotPayer(uint256 leaseId, address caller, address payer);

    /// @notice Only the operator of the lease's engine may claim from it.
    error NotLeaseOperator(uint256 leaseId, address caller, address operator);

    /// @notice The lease already sits on the engine it was asked to move to.
    error SameEngine(uint256 leaseId, uint256 engineId);

    /// @notice Everything deposited has accrued: nothing is left to carry to a new engine.
    error LeaseExhausted(uint256 leaseId);

    /// @dev Reverts with {FieldLength} unless `min <= length <= max`.
    function requireLength(string memory field, uint256 length, uint256 min, uint256 max) internal pure {
        if (length < min || length > max) revert FieldLength(field, length, min, max);
    }
}
