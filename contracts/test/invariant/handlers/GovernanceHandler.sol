// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {vm} from "../../utils/Vm.sol";
import {EventReplay} from "../stores/EventReplay.sol";
import {MarketStore} from "../stores/MarketStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

// Inputs are bounded before they are cast, and time is what the model follows:
// forge-lint: disable-next-item(unsafe-typecast,block-timestamp)
/// @notice Drives governance and the clock: the admin schedules a new minimum stake (which lists and delists
/// engines without touching them), minimum prepaid period and move window, cancels, and anyone applies them
/// once their delay has passed; hours pass.
contract GovernanceHandler is BaseHandler {
    uint256 private constant LOWEST_MIN_STAKE = 0.4 ether;
    uint256 private constant HIGHEST_MIN_STAKE = 3 ether;

    address private immutable admin;

    constructor(EngineRegistry registry_, MarketStore store_, EventReplay replay_, address admin_)
        BaseHandler(registry_, store_, replay_)
    {
        admin = admin_;
    }

    /// @dev Usually by the admin, within the bounds of a change; one time in eight a minimum stake more than
    /// doubled.
    function scheduleParameters(uint256 by, uint256 minStakeSeed, uint256 termsSeed) external {
        address caller = by % 5 == 4 ? store.anyone(by / 5) : admin;
        IEngineRegistry.Parameters memory p = store.params();
        uint256 current = p.minStake;
        uint256 lo = current / 2 > LOWEST_MIN_STAKE ? current / 2 : LOWEST_MIN_STAKE;
        uint256 hi = current * 2 < HIGHEST_MIN_STAKE ? current * 2 : HIGHEST_MIN_STAKE;
        p.minStake = uint128(minStakeSeed % 8 == 7 ? current * 2 + 1 : _bound(minStakeSeed / 8, lo, hi));
        p.minPrepaidPeriod = uint32([30 minutes, 1 hours, 2 hours][termsSeed % 3]);
        p.moveWindow = uint32([1 hours, 3 hours, 6 hours][(termsSeed / 3) % 3]);
        bytes memory expected;
        if (caller != admin) {
            expected = abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, 0);
        } else if (p.minStake > current * 2) {
            expected = abi.encodeWithSelector(
                Errors.ParameterOutOfBounds.selector, bytes32("minStake"), p.minStake, current / 2, current * 2
            );
        }
        _record();
        vm.prank(caller);
        try registry.scheduleParameters(p) {
            _succeeded("scheduleParameters", expected);
            store.schedule(p);
        } catch (bytes memory reason) {
            _reverted("scheduleParameters", reason, expected);
        }
    }

    /// @dev Usually by the admin, whether anything is scheduled or not.
    function cancelParameters(uint256 by) external {
        address caller = by % 5 == 4 ? store.anyone(by / 5) : admin;
        bytes memory expected;
        if (caller != admin) {
            expected = abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, 0);
        } else if (store.effectiveAt() == 0) {
            expected = abi.encodeWithSelector(Errors.NoScheduledParameters.selector);
        }
        _record();
        vm.prank(caller);
        try registry.cancelParameters() {
            _succeeded("cancelParameters", expected);
            store.cancelSchedule();
        } catch (bytes memory reason) {
            _reverted("cancelParameters", reason, expected);
        }
    }

    /// @dev By anyone, before the delay has passed or, one time in four, right when it passes.
    function applyParameters(uint256 who, uint256 wait) external {
        uint256 effectiveAt = store.effectiveAt();
        if (wait % 4 == 0 && block.timestamp < effectiveAt) vm.warp(effectiveAt);
        bytes memory expected;
        if (effectiveAt == 0) {
            expected = abi.encodeWithSelector(Errors.NoScheduledParameters.selector);
        } else if (block.timestamp < effectiveAt) {
            expected = abi.encodeWithSelector(Errors.ParametersNotYetEffective.selector, effectiveAt, block.timestamp);
        }
        address caller = store.anyone(who);
        _record();
        vm.prank(caller);
        try registry.applyParameters() {
            _succeeded("applyParameters", expected);
            store.applySchedule();
        } catch (bytes memory reason) {
            _reverted("applyParameters", reason, expected);
        }
    }

    /// @dev Hours pass: unbonding stake unlocks, deposits run out.
    function passTime(uint256 seed) external {
        _warp(_bound(seed, 1 hours, 6 hours));
    }
}
