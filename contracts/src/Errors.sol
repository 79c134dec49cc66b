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

    /// @notice An advert must name the agent's X25519 encryption key (snapshots are encrypted to it).
    error MissingEncryptionKey();

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

    /// @notice The engine takes no new lease: its stake is below the minimum, or it is halted.
    error EngineNotListed(uint256 engineId);

    /// @notice Only the engine's agent (its hot key) or its operator may do this.
    error NotAgent(uint256 engineId, address caller);

    /// @notice Only the account the operator role is being transferred to may accept it.
    error NotPendingOperator(uint256 engineId, address caller, address pending);

    /// @notice An address that must be set was zero.
    error ZeroAddress(string field);

    /*//////////////////////////////////////////////////////////////
                         CHALLENGES AND SLASHING
    //////////////////////////////////////////////////////////////*/

    /// @notice The challenge bond must be exactly `required` wei.
    error WrongChallengeBond(uint256 sent, uint256 required);

    /// @notice The engine already has the most open challenges allowed at once.
    error TooManyOpenChallenges(uint256 engineId, uint256 max);

    /// @notice The engine has neither stake nor active leases: there is nothing a challenge could protect.
    error NothingAtStake(uint256 engineId);

    /// @notice No open challenge has this id (never opened, or already answered or executed).
    error NoOpenChallenge(uint256 challengeId);

    /// @notice The challenge can only be executed once its window closes at `deadline`.
    error ChallengeWindowOpen(uint256 challengeId, uint256 deadline);

    /// @notice The challenge's answer window closed at `deadline`.
    error ChallengeWindowClosed(uint256 challengeId, uint256 deadline);

    /// @notice Stake cannot leave while a challenge against the engine is open.
    error ChallengePending(uint256 engineId);

    /// @notice A slash of `bps` basis points exceeds the allowed `maxBps`, or is zero.
    error InvalidSlash(uint256 bps, uint256 maxBps);

    /// @notice An arbiter case slashes once: this one already did.
    error CaseAlreadySlashed(bytes32 caseId);

    /// @notice An arbiter slash names its case; zero is what unanswered challenges carry.
    error ZeroCaseId();

    /*//////////////////////////////////////////////////////////////
                         PAYOUTS AND PARAMETERS
    //////////////////////////////////////////////////////////////*/

    /// @notice The account has no payout to withdraw.
    error NoPayout(address account);

    /// @notice Sending `amount` wei to `to` failed.
    error TransferFailed(address to, uint256 amount);

    /// @notice A governance parameter was set outside its sane bounds.
    error ParameterOutOfBounds(bytes32 name, uint256 value, uint256 min, uint256 max);

    /// @notice No parameter change is scheduled.
    error NoScheduledParameters();

    /// @notice The scheduled parameters take effect at `effectiveAt` (unix seconds), not before.
    error ParametersNotYetEffective(uint256 effectiveAt, uint256 currentTime);

    /// @notice The escrow's creation code given to the registry did not deploy.
    error EscrowNotDeployed();

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

    /// @notice The engine's active leases and pending moves already fill its capacity.
    error EngineAtCapacity(uint256 engineId, uint256 capacity);

    /// @notice The engine asks more per hour than the pico accepts.
    error PriceAboveMax(uint256 engineId, uint256 pricePerHour, uint256 maxPricePerHour);

    /// @notice A deposit must cover the minimum prepaid period at the lease's price, and fit 80 bits.
    error InvalidDeposit(uint256 amount, uint256 min, uint256 max);

    /// @notice No lease exists under `leaseId`.
    error UnknownLease(uint256 leaseId);

    /// @notice The lease has ended (closed, moved, exhausted or stopped): it can only be claimed from.
    error LeaseNotActive(uint256 leaseId);

    /// @notice The pico already holds an active lease; it moves or closes it instead of opening another.
    error PicoHasLease(address pico, uint256 leaseId);

    /// @notice The pico holds no active lease.
    error NoActiveLease(address pico);

    /// @notice The lease is on another engine than the one named.
    error LeaseNotOnEngine(uint256 leaseId, uint256 engineId);

    /// @notice The lease already sits on the engine it was asked to move to.
    error SameEngine(uint256 leaseId, uint256 engineId);

    /// @notice Everything deposited has accrued: nothing is left to carry to a new engine.
    error LeaseExhausted(uint256 leaseId);

    /// @notice Only a lease whose deposit has run out, or whose engine halted before this second, can be ended by
    /// anyone; this one still holds `remaining` and its engine's epoch runs.
    error LeaseNotExhausted(uint256 leaseId, uint256 remaining);

    /// @notice The lease already has a pending move, to `toEngineId`.
    error MovePending(uint256 leaseId, uint256 toEngineId);

    /// @notice The lease has no pending move.
    error NoPendingMove(uint256 leaseId);

    /// @notice The pending move can be accepted until `deadline`, and expired only after it.
    error MoveWindowOpen(uint256 leaseId, uint256 deadline);

    /// @notice The pending move's window closed at `deadline`: it can only expire.
    error MoveWindowClosed(uint256 leaseId, uint256 deadline);

    /// @notice The pico's EIP-712 signature does not match the request.
    error InvalidPicoSignature(address pico);

    /// @notice The signed request expired at `deadline`.
    error SignatureExpired(uint256 deadline, uint256 currentTime);

    /// @dev Reverts with {FieldLength} unless `min <= length <= max`.
    function requireLength(string memory field, uint256 length, uint256 min, uint256 max) internal pure {
        if (length < min || length > max) revert FieldLength(field, length, min, max);
    }
}
