// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "./Errors.sol";
import {Transfers} from "./Transfers.sol";
import {LeaseEscrow} from "./LeaseEscrow.sol";
import {IEngineRegistry} from "./interfaces/IEngineRegistry.sol";
import {AvailabilityChallenges} from "./registry/AvailabilityChallenges.sol";
import {RegistryParameters} from "./registry/RegistryParameters.sol";
import {TrustLists} from "./registry/TrustLists.sol";

/// @title EngineRegistry
/// @notice Pico engines register here with a stake and an advert (endpoint, DID, price, latency, capacity,
/// region). An engine is listed while its active stake is at least the minimum stake. Stake leaves only
/// through an unbonding delay, during which it can still be slashed by an unanswered availability challenge
/// or by an arbiter.
/// @dev The advert's strings are emitted in {AdvertPublished} and kept on-chain only as
/// `keccak256(abi.encode(advert))`, so registering stays cheap and anyone can verify what a directory shows.
/// The registry deploys its own {LeaseEscrow}: the only account that may take and free engine slots, so an
/// engine's capacity and active leases live next to each other in one storage slot.
contract EngineRegistry is AvailabilityChallenges, TrustLists {
    /// @notice Arbiters may slash up to `maxArbiterSlashBps` of an engine's stake per case.
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");

    uint256 private constant MAX_URL_OR_DID = 256;
    uint256 private constant MAX_CAPACITY = type(uint24).max;
    uint256 private constant MAX_REGION = 32;
    uint256 private constant MAX_CID = 128;

    /// @notice Everything the registry holds about an engine, for readers.
    struct EngineView {
        address operator;
        uint256 stake;
        uint256 unbonding;
        uint256 unlockAt;
        uint256 pricePerHour;
        uint256 capacity;
        uint256 activeLeases;
        bytes32 advertHash;
        bool listed;
    }

    /// @notice The escrow through which picos lease this registry's engines, deployed with the registry.
    LeaseEscrow public immutable escrow;

    modifier onlyEscrow() {
        if (msg.sender != address(escrow)) revert Errors.NotEscrow(msg.sender);
        _;
    }

    /// @param admin Holds DEFAULT_ADMIN_ROLE: changes parameters and grants ARBITER_ROLE.
    /// @param initial The parameters in force at deployment.
    constructor(address admin, Parameters memory initial) RegistryParameters(admin, initial) {
        escrow = new LeaseEscrow(this);
    }

    /// @notice Registers an engine operated by the caller, staking `msg.value` (at least the minimum stake).
    /// @return engineId The new engine's id, counting from 1.
    function register(Advert calldata advert) external payable returns (uint256 engineId) {
        // Checks
        uint256 minStake = _minStake();
        if (msg.value < minStake) revert Errors.InsufficientStake(msg.value, minStake);
        _validate(advert);
        // Effects
        Engine storage e;
        (engineId, e) = _newEngine(msg.sender, msg.value);
        _writeAdvert(engineId, e, advert);
        emit EngineRegistered(engineId, msg.sender, msg.value);
        emit EngineListed(engineId);
    }

    /// @notice Replaces the engine's advert. Open leases keep the price they were opened at.
    function updateAdvert(uint256 engineId, Advert calldata advert) external {
        Engine storage e = _operatedEngine(engineId);
        _validate(advert);
        _writeAdvert(engineId, e, advert);
    }

    /// @notice Adds `msg.value` to the engine's active stake (listing it again if it reaches the minimum).
    function addStake(uint256 engineId) external payable {
        Engine storage e = _operatedEngine(engineId);
        if (msg.value == 0) revert Errors.ZeroAmount();
        uint256 stake = e.stake + msg.value;
        _setStake(engineId, e, stake);
        emit StakeAdded(engineId, msg.value, stake);
    }

    /// @notice Moves `amount` of active stake into unbonding; it unlocks `unbondingPeriod` after this call
    /// (a later request restarts the delay for everything unbonding). Below the minimum stake the engine is
    /// delisted.
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
        e.unbonding = uint128(unbonding);
        e.unlockAt = uint40(unlockAt);
        _setStake(engineId, e, stake - amount);
        emit UnbondRequested(engineId, amount, stake - amount, unbonding, unlockAt);
    }

    /// @notice Sends the engine's unlocked unbonding stake to its operator. Blocked while a challenge is open.
    function withdraw(uint256 engineId) external nonReentrant {
        // Checks
        Engine storage e = _operatedEngine(engineId);
        uint256 amount = e.unbonding;
        if (amount == 0) revert Errors.NothingToWithdraw(engineId);
        if (block.timestamp < e.unlockAt) revert Errors.UnbondingLocked(engineId, e.unlockAt, block.timestamp);
        if (_hasOpenChallenge(engineId)) revert Errors.ChallengePending(engineId);
        // Effects
        e.unbonding = 0;
        emit StakeWithdrawn(engineId, msg.sender, amount);
        // Interactions
        Transfers.sendValue(msg.sender, amount);
    }

    /// @notice An arbiter slashes `bps` of the engine's stake (at most `maxArbiterSlashBps`) into the treasury.
    /// @param reasonCid The content identifier of the published case (1-128 bytes).
    /// @return slashed The amount taken.
    function arbiterSlash(uint256 engineId, uint256 bps, string calldata reasonCid)
        external
        onlyRole(ARBITER_ROLE)
        returns (uint256 slashed)
    {
        // Checks
        _engine(engineId);
        (, uint256 maxBps) = _slashBps();
        if (bps == 0 || bps > maxBps) revert Errors.InvalidSlash(bps, maxBps);
        Errors.requireLength("reasonCid", bytes(reasonCid).length, 1, MAX_CID);
        // Effects
        slashed = _slash(engineId, bps);
        _credit(_treasury(), slashed);
        emit EngineSlashed(engineId, SlashCause.Arbiter, msg.sender, slashed, _stakeOf(engineId), reasonCid);
    }

    /// @inheritdoc IEngineRegistry
    function occupySlot(uint256 engineId) external onlyEscrow returns (uint256 pricePerHour) {
        Engine storage e = _engine(engineId);
        if (!_isListed(e)) revert Errors.EngineNotListed(engineId);
        uint256 active = e.activeLeases;
        if (active >= e.capacity) revert Errors.EngineAtCapacity(engineId, e.capacity);
        e.activeLeases = uint24(active + 1);
        return e.pricePerHour;
    }

    /// @inheritdoc IEngineRegistry
    function releaseSlot(uint256 engineId) external onlyEscrow {
        // The escrow frees only slots it took, so the count is at least 1 here.
        unchecked {
            --_engine(engineId).activeLeases;
        }
    }

    /// @inheritdoc IEngineRegistry
    function operatorOf(uint256 engineId) external view returns (address) {
        return _engine(engineId).operator;
    }

    /// @notice Everything the registry stores about an engine. Reverts with {Errors.UnknownEngine}.
    function engine(uint256 engineId) external view returns (EngineView memory) {
        Engine storage e = _engine(engineId);
        return EngineView({
            operator: e.operator,
            stake: e.stake,
            unbonding: e.unbonding,
            unlockAt: e.unlockAt,
            pricePerHour: e.pricePerHour,
            capacity: e.capacity,
            activeLeases: e.activeLeases,
            advertHash: e.advertHash,
            listed: _isListed(e)
        });
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
    }

    function _writeAdvert(uint256 engineId, Engine storage e, Advert calldata a) private {
        bytes32 advertHash = hashAdvert(a);
        e.capacity = uint24(a.capacity);
        e.pricePerHour = uint72(a.pricePerHour);
        e.advertHash = advertHash;
        emit AdvertPublished(
            engineId, advertHash, a.endpoint, a.did, a.pricePerHour, a.latencyMs, a.capacity, a.region, a.metadataCid
        );
    }
}
