// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Errors} from "./Errors.sol";
import {Transfers} from "./Transfers.sol";
import {IEngineRegistry} from "./interfaces/IEngineRegistry.sol";
import {AvailabilityChallenges} from "./registry/AvailabilityChallenges.sol";
import {RegistryParameters} from "./registry/RegistryParameters.sol";
import {TrustLists} from "./registry/TrustLists.sol";

/// @title EngineRegistry
/// @notice Pico engines register here with a stake and an advert (the agent's endpoint, DID, price, latency,
/// capacity, region, the agent's encryption key). An engine is listed while its stake is at least the minimum
/// stake and it is not halted. Stake leaves only through an unbonding delay, during which it can still be slashed
/// by an unanswered availability challenge or, once per case, by an arbiter.
/// @dev The advert's strings are emitted in {AdvertPublished} and kept on-chain only as
/// `keccak256(abi.encode(advert))`, so registering stays cheap and anyone can verify what a directory shows.
/// Each engine has three keys: the operator (cold: unbond, withdraw, keys), the agent (hot: challenges, moves,
/// advert, claims) and the payout address (where earnings go).
contract EngineRegistry is AvailabilityChallenges, TrustLists {
    using SafeCast for uint256;

    /// @notice Arbiters may slash up to `maxArbiterSlashBps` of an engine's stake, once per case.
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");

    uint256 private constant MAX_URL_OR_DID = 256;
    uint256 private constant MAX_CAPACITY = type(uint24).max;
    uint256 private constant MAX_REGION = 32;
    uint256 private constant MAX_CID = 128;

    /// @notice Everything the registry holds about an engine, for readers.
    struct EngineView {
        address operator;
        address agent;
        address payout;
        address pendingOperator;
        uint256 stake;
        uint256 unbonding;
        uint256 unlockAt;
        uint256 pricePerHour;
        uint256 capacity;
        uint256 activeLeases;
        uint256 openChallenges;
        uint256 epoch;
        bool halted;
        bool listed;
        bytes32 advertHash;
    }

    /// @notice The escrow through which picos lease this registry's engines, deployed by the registry.
    address public immutable escrow;
    mapping(bytes32 caseId => bool) private _slashedCases;

    modifier onlyEscrow() {
        if (msg.sender != escrow) revert Errors.NotEscrow(msg.sender);
        _;
    }

    /// @param admin Holds DEFAULT_ADMIN_ROLE: schedules parameters and grants ARBITER_ROLE.
    /// @param adminDelay How long a transfer of the admin role waits.
    /// @param initial The parameters in force at deployment.
    /// @param escrowCreationCode The LeaseEscrow's creation code: the registry deploys its escrow (with itself as the
    /// escrow's registry) and keeps its address immutable, without carrying the escrow's code in its own.
    constructor(address admin, uint48 adminDelay, Parameters memory initial, bytes memory escrowCreationCode)
        RegistryParameters(admin, adminDelay, initial)
    {
        bytes memory init = abi.encodePacked(escrowCreationCode, abi.encode(address(this)));
        address deployed;
        // Plain CREATE of the given code; `init` is a memory byte array (length word, then the bytes).
        assembly ("memory-safe") {
            deployed := create(0, add(init, 0x20), mload(init))
        }
        if (deployed == address(0) || deployed.code.length == 0) revert Errors.EscrowNotDeployed();
        escrow = deployed;
    }

    /// @notice Registers an engine operated by the caller, staking `msg.value` (at least the minimum stake). The
    /// operator is its own agent and payout address until it names others.
    /// @return engineId The new engine's id, counting from 1.
    function register(Advert calldata advert) external payable returns (uint256 engineId) {
        // Checks
        uint256 minStake = _minStake();
        if (msg.value < minStake) revert Errors.InsufficientStake(msg.value, minStake);
        _validate(advert);
        // Effects
        Engine storage e;
        (engineId, e) = _newEngine(msg.sender, msg.value);
        emit EngineRegistered(engineId, msg.sender, msg.value);
        _writeAdvert(engineId, e, advert);
    }

    /// @notice Replaces the engine's advert. Open leases keep the price they were opened at. Agent or operator.
    function updateAdvert(uint256 engineId, Advert calldata advert) external {
        Engine storage e = _agentsEngine(engineId, msg.sender);
        _validate(advert);
        _writeAdvert(engineId, e, advert);
    }

    /// @notice Adds `msg.value` to the engine's stake (resuming it if it was halted and reaches the minimum). Agent
    /// or operator: a stranger's stake must not put an engine that left back on the market.
    function addStake(uint256 engineId) external payable {
        Engine storage e = _agentsEngine(engineId, msg.sender);
        if (msg.value == 0) revert Errors.ZeroAmount();
        uint256 stake = e.stake + msg.value;
        _setStake(engineId, e, stake, false);
        emit StakeAdded(engineId, msg.sender, msg.value, stake);
    }

    /// @notice Moves `amount` of stake into unbonding; it unlocks `unbondingPeriod` after this call (a later
    /// request restarts the delay for everything unbonding). Below the minimum stake the engine halts: its leases
    /// stop accruing and it takes no new lease. Only the operator.
    function requestUnbond(uint256 engineId, uint256 amount) external {
        // Checks
        Engine storage e = _operatedEngine(engineId);
        if (amount == 0) revert Errors.ZeroAmount();
        uint256 stake = e.stake;
        if (amount > stake) revert Errors.UnbondExceedsStake(engineId, amount, stake);
        // Effects
        (, uint256 unbondingPeriod) = _windows();
        uint256 unlockAt = block.timestamp + unbondingPeriod;
        uint256 unbonding = e.unbonding + amount;
        e.unbonding = unbonding.toUint96();
        e.unlockAt = uint40(unlockAt);
        _setStake(engineId, e, stake - amount, true);
        emit UnbondRequested(engineId, amount, stake - amount, unbonding, unlockAt);
    }

    /// @notice Sends the engine's unlocked unbonding stake to its operator. Blocked while a challenge is open.
    function withdraw(uint256 engineId) external nonReentrant {
        // Checks
        Engine storage e = _operatedEngine(engineId);
        uint256 amount = e.unbonding;
        if (amount == 0) revert Errors.NothingToWithdraw(engineId);
        if (block.timestamp < e.unlockAt) revert Errors.UnbondingLocked(engineId, e.unlockAt, block.timestamp);
        if (e.openChallenges != 0) revert Errors.ChallengePending(engineId);
        // Effects
        e.unbonding = 0;
        emit StakeWithdrawn(engineId, msg.sender, amount);
        // Interactions
        Transfers.sendValue(msg.sender, amount);
    }

    /// @notice An arbiter slashes `bps` of the engine's stake (at most `maxArbiterSlashBps`) into the treasury, once
    /// per case.
    /// @param caseId The case's identifier; a case slashes once.
    /// @param reasonCid The content identifier of the published case (1-128 bytes).
    /// @return slashed The amount taken.
    function arbiterSlash(uint256 engineId, bytes32 caseId, uint256 bps, string calldata reasonCid)
        external
        onlyRole(ARBITER_ROLE)
        returns (uint256 slashed)
    {
        // Checks
        Engine storage e = _engine(engineId);
        (, uint256 maxBps) = _slashBps();
        if (bps == 0 || bps > maxBps) revert Errors.InvalidSlash(bps, maxBps);
        if (caseId == bytes32(0)) revert Errors.ZeroCaseId();
        if (_slashedCases[caseId]) revert Errors.CaseAlreadySlashed(caseId);
        Errors.requireLength("reasonCid", bytes(reasonCid).length, 1, MAX_CID);
        // Effects
        _slashedCases[caseId] = true;
        slashed = _slash(engineId, bps);
        _credit(_treasury(), slashed);
        emit EngineSlashed(engineId, SlashCause.Arbiter, msg.sender, slashed, e.stake, e.unbonding, caseId, reasonCid);
    }

    /// @inheritdoc IEngineRegistry
    function occupySlot(uint256 engineId, uint256 maxPricePerHour)
        external
        onlyEscrow
        returns (uint256 pricePerHour, uint256 epoch, uint256 minPrepaidPeriod, uint256 moveWindow)
    {
        Engine storage e = _engine(engineId);
        if (!_isListed(e)) revert Errors.EngineNotListed(engineId);
        pricePerHour = e.pricePerHour;
        if (pricePerHour > maxPricePerHour) revert Errors.PriceAboveMax(engineId, pricePerHour, maxPricePerHour);
        uint256 active = e.activeLeases;
        if (active >= e.capacity) revert Errors.EngineAtCapacity(engineId, e.capacity);
        e.activeLeases = uint24(active + 1);
        epoch = e.epoch;
        (minPrepaidPeriod, moveWindow) = _leaseTerms();
    }

    /// @inheritdoc IEngineRegistry
    function releaseSlot(uint256 engineId) external onlyEscrow {
        // The escrow frees only slots it took, so the count is at least 1 here.
        unchecked {
            --_engine(engineId).activeLeases;
        }
    }

    /// @inheritdoc IEngineRegistry
    function authorizeClaim(uint256 engineId, address caller) external view returns (address payout, uint256 epoch) {
        Engine storage e = _agentsEngine(engineId, caller);
        return (_payoutOf(e), e.epoch);
    }

    /// @inheritdoc IEngineRegistry
    function authorizeMove(uint256 engineId, address caller) external view returns (uint256 epoch, bool listed) {
        Engine storage e = _agentsEngine(engineId, caller);
        return (e.epoch, _isListed(e));
    }

    /// @inheritdoc IEngineRegistry
    function accrualEnd(uint256 engineId, uint256 epoch) external view returns (uint256) {
        return epoch == _engine(engineId).epoch ? block.timestamp : _haltTime(engineId, epoch);
    }

    /// @notice Everything the registry stores about an engine. Reverts with {Errors.UnknownEngine}.
    function engine(uint256 engineId) external view returns (EngineView memory) {
        Engine storage e = _engine(engineId);
        EngineView memory v;
        v.operator = e.operator;
        v.agent = e.agent == address(0) ? e.operator : e.agent;
        v.payout = _payoutOf(e);
        v.pendingOperator = e.pendingOperator;
        v.stake = e.stake;
        v.unbonding = e.unbonding;
        v.unlockAt = e.unlockAt;
        v.pricePerHour = e.pricePerHour;
        v.capacity = e.capacity;
        v.activeLeases = e.activeLeases;
        v.openChallenges = e.openChallenges;
        v.epoch = e.epoch;
        v.halted = e.halted;
        v.listed = _isListed(e);
        v.advertHash = e.advertHash;
        return v;
    }

    /// @notice Whether an arbiter case has slashed.
    function caseSlashed(bytes32 caseId) external view returns (bool) {
        return _slashedCases[caseId];
    }

    /// @notice The hash the registry keeps of an advert: `keccak256(abi.encode(advert))`.
    function hashAdvert(Advert calldata advert) public pure returns (bytes32) {
        return keccak256(abi.encode(advert));
    }

    function _requireEngine(uint256 engineId) internal view override {
        _engine(engineId);
    }

    function _validate(Advert calldata a) private pure {
        Errors.requireLength("endpoint", bytes(a.endpoint).length, 1, MAX_URL_OR_DID);
        Errors.requireLength("did", bytes(a.did).length, 1, MAX_URL_OR_DID);
        Errors.requireLength("region", bytes(a.region).length, 0, MAX_REGION);
        Errors.requireLength("metadataCid", bytes(a.metadataCid).length, 0, MAX_CID);
        if (a.capacity == 0) revert Errors.ZeroCapacity();
        if (a.capacity > MAX_CAPACITY) revert Errors.NumberTooLarge("capacity", a.capacity, MAX_CAPACITY);
        if (a.pricePerHour > type(uint72).max) {
            revert Errors.NumberTooLarge("pricePerHour", a.pricePerHour, type(uint72).max);
        }
        if (a.encryptionKey == bytes32(0)) revert Errors.MissingEncryptionKey();
    }

    function _writeAdvert(uint256 engineId, Engine storage e, Advert calldata a) private {
        bytes32 advertHash = hashAdvert(a);
        e.capacity = uint24(a.capacity);
        e.pricePerHour = uint72(a.pricePerHour);
        e.advertHash = advertHash;
        emit AdvertPublished(
            engineId,
            advertHash,
            a.endpoint,
            a.did,
            a.pricePerHour,
            a.latencyMs,
            a.capacity,
            a.region,
            a.metadataCid,
            a.encryptionKey
        );
    }
}
