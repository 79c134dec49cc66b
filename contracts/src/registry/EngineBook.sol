// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Errors} from "../Errors.sol";
import {Transfers} from "../Transfers.sol";
import {RegistryParameters} from "./RegistryParameters.sol";

/// @title EngineBook
/// @notice The registry's ledger: engines in packed storage, their stake, slashing, and the pull-payments
/// owed to challengers, operators and the treasury.
/// @dev Slash proceeds and forfeited bonds are credited, never pushed: a receiver that reverts must not be
/// able to block the slash of an engine.
abstract contract EngineBook is RegistryParameters, ReentrancyGuardTransient {
    using SafeCast for uint256;

    /// @dev Four slots. An advert update writes two (the first and the hash); a new lease reads the first
    /// two and writes the second.
    struct Engine {
        address operator;
        uint72 pricePerHour;
        uint24 capacity;
        uint128 stake;
        uint40 unlockAt;
        uint24 activeLeases;
        bytes32 advertHash;
        uint128 unbonding;
    }

    /// @dev Starts at 1 so that id 0 is never an engine and the first registration pays no fresh-slot write.
    uint256 private _nextEngineId = 1;
    mapping(uint256 engineId => Engine) private _engines;
    mapping(address account => uint256 amount) private _payouts;

    /// @notice Withdraws everything credited to the caller: challenge rewards and bonds, forfeited bonds,
    /// treasury shares.
    function withdrawPayout() external nonReentrant {
        uint256 amount = _payouts[msg.sender];
        if (amount == 0) revert Errors.NoPayout(msg.sender);
        // Effects
        _payouts[msg.sender] = 0;
        emit PayoutWithdrawn(msg.sender, amount);
        // Interactions
        Transfers.sendValue(msg.sender, amount);
    }

    /// @notice What `account` can withdraw with {withdrawPayout}.
    function payoutOf(address account) external view returns (uint256) {
        return _payouts[account];
    }

    /// @notice How many engines were ever registered.
    function engineCount() external view returns (uint256) {
        return _nextEngineId - 1;
    }

    function _newEngine(address operator, uint256 stake) internal returns (uint256 engineId, Engine storage e) {
        engineId = _nextEngineId++;
        e = _engines[engineId];
        e.operator = operator;
        e.stake = stake.toUint128();
    }

    /// @dev The engine, or a revert with {Errors.UnknownEngine}.
    function _engine(uint256 engineId) internal view returns (Engine storage e) {
        e = _engines[engineId];
        if (e.operator == address(0)) revert Errors.UnknownEngine(engineId);
    }

    /// @dev The engine, or a revert unless the caller operates it.
    function _operatedEngine(uint256 engineId) internal view returns (Engine storage e) {
        e = _engine(engineId);
        if (e.operator != msg.sender) revert Errors.NotOperator(engineId, msg.sender, e.operator);
    }

    function _stakeOf(uint256 engineId) internal view returns (uint256) {
        return _engines[engineId].stake;
    }

    function _isListed(Engine storage e) internal view returns (bool) {
        return e.stake >= _minStake();
    }

    /// @dev Sets the active stake and emits {EngineListed} or {EngineDelisted} when listing changes.
    function _setStake(uint256 engineId, Engine storage e, uint256 stake) internal {
        bool wasListed = _isListed(e);
        e.stake = stake.toUint128();
        bool listed = _isListed(e);
        if (listed && !wasListed) emit EngineListed(engineId);
        if (wasListed && !listed) emit EngineDelisted(engineId);
    }

    /// @dev Slashes `bps` of everything the engine has at stake, active stake first, then unbonding stake, so
    /// that unbonding never escapes a slash. Returns the amount taken; the caller credits it.
    function _slash(uint256 engineId, uint256 bps) internal returns (uint256 amount) {
        Engine storage e = _engines[engineId];
        uint256 stake = e.stake;
        uint256 unbonding = e.unbonding;
        amount = (stake + unbonding) * bps / BPS;
        uint256 fromStake = amount < stake ? amount : stake;
        _setStake(engineId, e, stake - fromStake);
        // `amount - fromStake` is at most `unbonding` because bps <= BPS.
        if (amount > fromStake) e.unbonding = uint128(unbonding - (amount - fromStake));
    }

    function _credit(address account, uint256 amount) internal {
        _payouts[account] += amount;
        emit PayoutCredited(account, amount);
    }
}
