// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IEngineRegistry
/// @notice The registry of pico engines that offer hosting: adverts, stake, unbonding, availability
/// challenges, arbiter slashes and trust lists.
interface IEngineRegistry {
    /// @notice What an engine offers. Only its hash and the numbers the escrow needs are stored;
    /// the strings live in the {AdvertPublished} event.
    /// @param endpoint The engine's base URL (1-256 bytes). Written by a stranger: never trust it unchecked.
    /// @param did The engine's decentralized identifier (1-256 bytes).
    /// @param pricePerHour Price of hosting one pico for one hour, in wei (below 2^72).
    /// @param latencyMs The latency the engine claims, in milliseconds.
    /// @param capacity How many picos the engine hosts at once (1 to 2^24 - 1).
    /// @param region A region code such as `eu-west` (0-32 bytes).
    /// @param metadataCid An optional content identifier of further metadata (0-128 bytes).
    struct Advert {
        string endpoint;
        string did;
        uint256 pricePerHour;
        uint32 latencyMs;
        uint32 capacity;
        string region;
        string metadataCid;
    }

    /// @notice Governance parameters, set at deployment and changed by the admin within bounds.
    struct Parameters {
        uint128 minStake;
        uint128 challengeBond;
        uint64 unbondingPeriod;
        uint64 challengeWindow;
        uint16 slashBps;
        uint16 maxArbiterSlashBps;
        address treasury;
    }

    /// @notice Why stake was slashed.
    enum SlashCause {
        UnansweredChallenge,
        Arbiter
    }

    event EngineRegistered(uint256 indexed engineId, address indexed operator, uint256 stake);
    event AdvertPublished(
        uint256 indexed engineId,
        bytes32 advertHash,
        string endpoint,
        string did,
        uint256 pricePerHour,
        uint32 latencyMs,
        uint32 capacity,
        string region,
        string metadataCid
    );
    event StakeAdded(uint256 indexed engineId, uint256 amount, uint256 stake);
    event UnbondRequested(uint256 indexed engineId, uint256 amount, uint256 stake, uint256 unbonding, uint256 unlockAt);
    event StakeWithdrawn(uint256 indexed engineId, address indexed to, uint256 amount);
    event EngineListed(uint256 indexed engineId);
    event EngineDelisted(uint256 indexed engineId);
    event ChallengeOpened(uint256 indexed engineId, address indexed challenger, uint256 bond, uint256 deadline);
    event ChallengeAnswered(uint256 indexed engineId, address indexed operator, uint256 bond);
    event ChallengeExecuted(uint256 indexed engineId, address indexed challenger, uint256 slashed);
    event EngineSlashed(
        uint256 indexed engineId, SlashCause cause, address indexed by, uint256 amount, uint256 stake, string reasonCid
    );
    event PayoutCredited(address indexed account, uint256 amount);
    event PayoutWithdrawn(address indexed account, uint256 amount);
    event ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue);
    event TrustListCreated(uint256 indexed listId, address indexed curator, string name);
    event TrustListChanged(uint256 indexed listId, uint256 indexed engineId, bool trusted);

    /// @notice Takes one of a listed engine's pico slots for a new lease. Only the registry's escrow.
    /// @dev Reverts with {Errors.UnknownEngine}, {Errors.EngineNotListed} or {Errors.EngineAtCapacity}.
    /// @return pricePerHour The engine's price of the moment, which the lease keeps.
    function occupySlot(uint256 engineId) external returns (uint256 pricePerHour);

    /// @notice Frees the slot of a lease that ended. Only the registry's escrow.
    function releaseSlot(uint256 engineId) external;

    /// @notice The operator of an engine. Reverts with {Errors.UnknownEngine}.
    function operatorOf(uint256 engineId) external view returns (address);
}
