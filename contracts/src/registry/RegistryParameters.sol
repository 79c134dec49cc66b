// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Errors} from "../Errors.sol";
import {IEngineRegistry} from "../interfaces/IEngineRegistry.sol";

/// @title RegistryParameters
/// @notice Governance parameters of the registry. The admin role is transferred in two steps after a delay
/// (OpenZeppelin's {AccessControlDefaultAdminRules}). Parameters stay within hard bounds written here, and a change
/// takes effect only {PARAMETER_DELAY} after it is announced: engines and picos see it coming.
/// @dev The minimum stake and the challenge bond can at most double (or halve) per change, so no single change can
/// delist every engine or price challenges out of reach; the challenge bond never exceeds the minimum stake.
abstract contract RegistryParameters is AccessControlDefaultAdminRules, IEngineRegistry {
    /// @notice How long a parameter change waits between {scheduleParameters} and {applyParameters}.
    uint256 public constant PARAMETER_DELAY = 2 days;

    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_MIN_STAKE = 10_000 ether;
    uint256 internal constant MIN_CHALLENGE_WINDOW = 5 minutes;
    uint256 internal constant MAX_CHALLENGE_WINDOW = 7 days;
    uint256 internal constant MAX_UNBONDING_PERIOD = 365 days;
    uint256 internal constant MAX_SLASH_BPS = 5_000;
    uint256 internal constant MAX_ARBITER_SLASH_BPS = 3_000;
    uint256 internal constant MIN_PREPAID_PERIOD = 1 minutes;
    uint256 internal constant MAX_PREPAID_PERIOD = 30 days;
    uint256 internal constant MIN_MOVE_WINDOW = 1 minutes;
    uint256 internal constant MAX_MOVE_WINDOW = 1 days;

    Parameters private _params;
    Parameters private _scheduled;
    uint256 private _effectiveAt;

    /// @param adminDelay The delay of a transfer of the admin role (OpenZeppelin's default admin rules).
    constructor(address admin, uint48 adminDelay, Parameters memory initial)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        _checkAbsolute(initial);
        _apply(initial);
    }

    /// @notice The parameters in force.
    function parameters() external view returns (Parameters memory) {
        return _params;
    }

    /// @notice The scheduled parameters and when they take effect (0 when none are scheduled).
    function scheduledParameters() external view returns (Parameters memory next, uint256 effectiveAt) {
        return (_scheduled, _effectiveAt);
    }

    /// @notice Announces new parameters, which anyone may apply {PARAMETER_DELAY} from now. Replaces any schedule.
    /// @dev Reverts with {Errors.ParameterOutOfBounds} naming the first parameter out of bounds; emits
    /// {ParametersCancelled} when it replaces a pending schedule, then {ParameterScheduled} for each parameter that
    /// would change.
    function scheduleParameters(Parameters calldata next) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkAbsolute(next);
        Parameters memory current = _params;
        _check("minStake", next.minStake, current.minStake / 2, uint256(current.minStake) * 2);
        _check("challengeBond", next.challengeBond, current.challengeBond / 2, uint256(current.challengeBond) * 2);
        uint256 effectiveAt = block.timestamp + PARAMETER_DELAY;
        // A schedule replaces the one pending: say so, for indexers, even when the new one announces nothing.
        if (_effectiveAt != 0) emit ParametersCancelled();
        _scheduled = next;
        _effectiveAt = effectiveAt;
        _announce("minStake", current.minStake, next.minStake, effectiveAt);
        _announce("challengeBond", current.challengeBond, next.challengeBond, effectiveAt);
        _announce("challengeWindow", current.challengeWindow, next.challengeWindow, effectiveAt);
        _announce("unbondingPeriod", current.unbondingPeriod, next.unbondingPeriod, effectiveAt);
        _announce("slashBps", current.slashBps, next.slashBps, effectiveAt);
        _announce("maxArbiterSlashBps", current.maxArbiterSlashBps, next.maxArbiterSlashBps, effectiveAt);
        _announce("minPrepaidPeriod", current.minPrepaidPeriod, next.minPrepaidPeriod, effectiveAt);
        _announce("moveWindow", current.moveWindow, next.moveWindow, effectiveAt);
        _announce("treasury", uint160(current.treasury), uint160(next.treasury), effectiveAt);
    }

    /// @notice Drops the scheduled parameters.
    function cancelParameters() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (_effectiveAt == 0) revert Errors.NoScheduledParameters();
        delete _scheduled;
        _effectiveAt = 0;
        emit ParametersCancelled();
    }

    /// @notice Puts the scheduled parameters in force once their delay has passed. Anyone may call it.
    function applyParameters() external {
        uint256 effectiveAt = _effectiveAt;
        if (effectiveAt == 0) revert Errors.NoScheduledParameters();
        if (block.timestamp < effectiveAt) revert Errors.ParametersNotYetEffective(effectiveAt, block.timestamp);
        Parameters memory next = _scheduled;
        delete _scheduled;
        _effectiveAt = 0;
        _apply(next);
    }

    function _apply(Parameters memory next) private {
        Parameters memory old = _params;
        _params = next;
        _changed("minStake", old.minStake, next.minStake);
        _changed("challengeBond", old.challengeBond, next.challengeBond);
        _changed("challengeWindow", old.challengeWindow, next.challengeWindow);
        _changed("unbondingPeriod", old.unbondingPeriod, next.unbondingPeriod);
        _changed("slashBps", old.slashBps, next.slashBps);
        _changed("maxArbiterSlashBps", old.maxArbiterSlashBps, next.maxArbiterSlashBps);
        _changed("minPrepaidPeriod", old.minPrepaidPeriod, next.minPrepaidPeriod);
        _changed("moveWindow", old.moveWindow, next.moveWindow);
        _changed("treasury", uint160(old.treasury), uint160(next.treasury));
    }

    function _checkAbsolute(Parameters memory p) private pure {
        _check("minStake", p.minStake, 1, MAX_MIN_STAKE);
        _check("challengeBond", p.challengeBond, 1, p.minStake);
        _check("challengeWindow", p.challengeWindow, MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW);
        _check("unbondingPeriod", p.unbondingPeriod, p.challengeWindow, MAX_UNBONDING_PERIOD);
        _check("slashBps", p.slashBps, 1, MAX_SLASH_BPS);
        _check("maxArbiterSlashBps", p.maxArbiterSlashBps, 1, MAX_ARBITER_SLASH_BPS);
        _check("minPrepaidPeriod", p.minPrepaidPeriod, MIN_PREPAID_PERIOD, MAX_PREPAID_PERIOD);
        _check("moveWindow", p.moveWindow, MIN_MOVE_WINDOW, MAX_MOVE_WINDOW);
        _check("treasury", uint160(p.treasury), 1, type(uint160).max);
    }

    function _check(bytes32 name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert Errors.ParameterOutOfBounds(name, value, min, max);
    }

    function _announce(bytes32 name, uint256 oldValue, uint256 newValue, uint256 effectiveAt) private {
        if (oldValue != newValue) emit ParameterScheduled(name, newValue, effectiveAt);
    }

    function _changed(bytes32 name, uint256 oldValue, uint256 newValue) private {
        if (oldValue != newValue) emit ParameterChanged(name, oldValue, newValue);
    }

    function _minStake() internal view returns (uint256) {
        return _params.minStake;
    }

    function _challengeBond() internal view returns (uint256) {
        return _params.challengeBond;
    }

    function _windows() internal view returns (uint256 challengeWindow, uint256 unbondingPeriod) {
        return (_params.challengeWindow, _params.unbondingPeriod);
    }

    function _slashBps() internal view returns (uint256 slashBps, uint256 maxArbiterSlashBps) {
        return (_params.slashBps, _params.maxArbiterSlashBps);
    }

    function _leaseTerms() internal view returns (uint256 minPrepaidPeriod, uint256 moveWindow) {
        return (_params.minPrepaidPeriod, _params.moveWindow);
    }

    function _treasury() internal view returns (address) {
        return _params.treasury;
    }
}
