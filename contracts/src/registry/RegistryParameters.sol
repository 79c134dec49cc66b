// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Errors} from "../Errors.sol";
import {IEngineRegistry} from "../interfaces/IEngineRegistry.sol";

/// @title RegistryParameters
/// @notice Governance parameters of the registry: set at deployment, changed by the admin only within bounds
/// that keep the market safe (for example, stake must stay slashable for longer than a challenge takes).
abstract contract RegistryParameters is AccessControl, IEngineRegistry {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MIN_CHALLENGE_WINDOW = 5 minutes;
    uint256 internal constant MAX_CHALLENGE_WINDOW = 7 days;
    uint256 internal constant MAX_UNBONDING_PERIOD = 365 days;
    uint256 internal constant MAX_SLASH_BPS = 5_000;

    Parameters private _params;

    constructor(address admin, Parameters memory initial) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setParameters(initial);
    }

    /// @notice The parameters in force.
    function parameters() external view returns (Parameters memory) {
        return _params;
    }

    /// @notice Replaces the parameters; emits {ParameterChanged} for each one that changed.
    /// @dev Reverts with {Errors.ParameterOutOfBounds} naming the first parameter out of bounds.
    function setParameters(Parameters calldata next) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setParameters(next);
    }

    function _setParameters(Parameters memory next) private {
        _check("minStake", next.minStake, 1, type(uint128).max);
        _check("challengeBond", next.challengeBond, 1, type(uint128).max);
        _check("challengeWindow", next.challengeWindow, MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW);
        _check("unbondingPeriod", next.unbondingPeriod, next.challengeWindow, MAX_UNBONDING_PERIOD);
        _check("slashBps", next.slashBps, 1, MAX_SLASH_BPS);
        _check("maxArbiterSlashBps", next.maxArbiterSlashBps, 1, BPS);
        _check("treasury", uint160(next.treasury), 1, type(uint160).max);

        Parameters memory old = _params;
        _params = next;
        _changed("minStake", old.minStake, next.minStake);
        _changed("challengeBond", old.challengeBond, next.challengeBond);
        _changed("challengeWindow", old.challengeWindow, next.challengeWindow);
        _changed("unbondingPeriod", old.unbondingPeriod, next.unbondingPeriod);
        _changed("slashBps", old.slashBps, next.slashBps);
        _changed("maxArbiterSlashBps", old.maxArbiterSlashBps, next.maxArbiterSlashBps);
        _changed("treasury", uint160(old.treasury), uint160(next.treasury));
    }

    function _check(bytes32 name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert Errors.ParameterOutOfBounds(name, value, min, max);
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

    function _treasury() internal view returns (address) {
        return _params.treasury;
    }
}
