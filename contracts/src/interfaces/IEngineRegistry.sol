// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IEngineRegistry
/// @notice The registry of pico engines that offer hosting: adverts, stake, unbonding, availability
/// challenges, arbiter slashes, trust lists, and each engine's three keys (operator, agent, payout).
/// @dev Every state change emits an event carrying what an indexer needs to rebuild the state without calling
/// the contract. An engine is listed (may take new leases) while its stake is at least the minimum stake and it
/// is not halted; both follow from events ({StakeAdded}, {UnbondRequested}, {EngineSlashed}, {EngineHalted},
/// {EngineResumed}, {ParameterChanged}).
interface IEngineRegistry {
    /// @notice What an engine offers. Only its hash and the numbers the escrow needs are stored;
    /// the strings live in the {AdvertPublished} event.
    /// @param endpoint The base URL of the engine's agent, its front door (1-256 bytes). Written by a stranger:
    /// never trust it unchecked.
    /// @param did The engine's decentralized identifier (1-256 bytes).
    /// @param pricePerHour Price of hosting one pico for one hour, in wei (below 2^72).
    /// @param latencyMs The latency the engine claims, in milliseconds.
    /// @param capacity How many picos the engine hosts at once (1 to 2^24 - 1).
    /// @param region A region code such as `eu-west` (0-32 bytes).
    /// @param metadataCid An optional content identifier of further metadata (0-128 bytes).
    /// @param encryptionKey The agent's X25519 public key (32 bytes): a pico's snapshot is encrypted to it.
    struct Advert {
        string endpoint;
        string did;
        uint256 pricePerHour;
        uint32 latencyMs;
        uint32 capacity;
        string region;
        string metadataCid;
        bytes32 encryptionKey;
    }

    /// @notice Governance parameters: set at deployment, then changed only within hard bounds and after
    /// {PARAMETER_DELAY} (see {scheduleParameters}).
    /// @param minPrepaidPeriod A lease's deposit must cover at least this many seconds at its price.
    /// @param moveWindow Seconds the target engine has to accept a pending move before anyone may expire it.
    struct Parameters {
        uint128 minStake;
        uint128 challengeBond;
        uint64 unbondingPeriod;
        uint64 challengeWindow;
        uint16 slashBps;
        uint16 maxArbiterSlashBps;
        uint32 minPrepaidPeriod;
        uint32 moveWindow;
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
        string metadataCid,
        bytes32 indexed encryptionKey
    );
    event StakeAdded(uint256 indexed engineId, address indexed from, uint256 amount, uint256 stake);
    event UnbondRequested(uint256 indexed engineId, uint256 amount, uint256 stake, uint256 unbonding, uint256 unlockAt);
    event StakeWithdrawn(uint256 indexed engineId, address indexed to, uint256 amount);
    /// @notice The engine's stake fell below the minimum by its own unbonding or a slash: its leases of `epoch`
    /// stop accruing now, and it takes no new lease until {EngineResumed}.
    event EngineHalted(uint256 indexed engineId, uint256 epoch, uint256 at);
    /// @notice A halted engine staked back to the minimum; new leases belong to `epoch`.
    event EngineResumed(uint256 indexed engineId, uint256 epoch);
    event AgentChanged(uint256 indexed engineId, address indexed agent);
    event PayoutAddressChanged(uint256 indexed engineId, address indexed payout);
    event OperatorTransferStarted(uint256 indexed engineId, address indexed from, address indexed to);
    /// @notice The operator role changed hands; the engine's agent and payout address reset to the new operator.
    event OperatorTransferred(uint256 indexed engineId, address indexed from, address indexed to);
    event ChallengeOpened(
        uint256 indexed challengeId, uint256 indexed engineId, address indexed challenger, uint256 bond, uint256 deadline
    );
    event ChallengeAnswered(uint256 indexed challengeId, uint256 indexed engineId, address indexed by, uint256 bond);
    event ChallengeExecuted(
        uint256 indexed challengeId, uint256 indexed engineId, address indexed challenger, uint256 slashed
    );
    event EngineSlashed(
        uint256 indexed engineId,
        SlashCause cause,
        address indexed by,
        uint256 amount,
        uint256 stake,
        uint256 unbonding,
        bytes32 caseId,
        string reasonCid
    );
    event Credited(address indexed account, uint256 amount);
    event CreditWithdrawn(address indexed account, uint256 amount);
    event ParameterScheduled(bytes32 indexed name, uint256 value, uint256 effectiveAt);
    event ParametersCancelled();
    event ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue);
    event TrustListCreated(uint256 indexed listId, address indexed curator, string name);
    event TrustListChanged(uint256 indexed listId, uint256 indexed engineId, bool trusted);

    /// @notice Takes one of a listed engine's pico slots for a new lease or a pending move. Only the escrow.
    /// @dev Reverts with {Errors.EngineNotListed}, {Errors.EngineAtCapacity} or {Errors.PriceAboveMax}.
    /// @return pricePerHour The engine's price now, which the lease keeps.
    /// @return epoch The engine's epoch, which the lease keeps (it stops accruing when that epoch halts).
    /// @return minPrepaidPeriod The minimum prepaid period in force.
    /// @return moveWindow The move window in force.
    function occupySlot(uint256 engineId, uint256 maxPricePerHour)
        external
        returns (uint256 pricePerHour, uint256 epoch, uint256 minPrepaidPeriod, uint256 moveWindow);

    /// @notice Frees a slot taken with {occupySlot}. Only the escrow.
    function releaseSlot(uint256 engineId) external;

    /// @notice Where an engine's earnings go and its current epoch, once `caller` is shown to be its agent or
    /// operator. Reverts with {Errors.NotAgent} otherwise.
    function authorizeClaim(uint256 engineId, address caller) external view returns (address payout, uint256 epoch);

    /// @notice The engine's current epoch and whether it takes new leases, once `caller` is shown to be its agent or
    /// operator (who accept or reject moves to it). Reverts with {Errors.NotAgent} otherwise.
    function authorizeMove(uint256 engineId, address caller) external view returns (uint256 epoch, bool listed);

    /// @notice When leases of `epoch` stop accruing: the halt's time, or now while that epoch runs.
    function accrualEnd(uint256 engineId, uint256 epoch) external view returns (uint256);
}
