// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";

// Every input is bounded before it is cast, and time is what several tests vary:
// forge-lint: disable-next-item(unsafe-typecast,block-timestamp)
/// @notice scheduleParameters and applyParameters over bounded random inputs: exactly the hard bounds are
/// accepted, and nothing takes effect before the delay.
contract RegistryParametersFuzzTest is Base {
    function _expectOutOfBounds(bytes32 name, uint256 value, uint256 min, uint256 max) internal {
        vm.expectRevert(abi.encodeWithSelector(Errors.ParameterOutOfBounds.selector, name, value, min, max));
    }

    /// @dev Absolute bounds first (minStake within 1 wei..10,000 ether, the bond within 1 wei..minStake), then
    /// at most twofold either way from the values in force.
    function testFuzz_ScheduleParameters_MinStakeAndBondMoveAtMostTwofold(uint256 minStake, uint256 bond) public {
        minStake = bound(minStake, 0, 3 * MIN_STAKE);
        bond = bound(bond, 0, 3 * MIN_STAKE);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = uint128(minStake);
        p.challengeBond = uint128(bond);

        bool accepted;
        if (minStake == 0) {
            _expectOutOfBounds("minStake", minStake, 1, 10_000 ether);
        } else if (bond == 0 || bond > minStake) {
            _expectOutOfBounds("challengeBond", bond, 1, minStake);
        } else if (minStake < MIN_STAKE / 2 || minStake > 2 * MIN_STAKE) {
            _expectOutOfBounds("minStake", minStake, MIN_STAKE / 2, 2 * MIN_STAKE);
        } else if (bond < BOND / 2 || bond > 2 * BOND) {
            _expectOutOfBounds("challengeBond", bond, BOND / 2, 2 * BOND);
        } else {
            accepted = true;
        }
        vm.prank(admin);
        registry.scheduleParameters(p);

        (IEngineRegistry.Parameters memory next, uint256 effectiveAt) = registry.scheduledParameters();
        assertEq(effectiveAt, accepted ? block.timestamp + registry.PARAMETER_DELAY() : 0, "scheduled iff accepted");
        assertEq(next.minStake, accepted ? minStake : 0, "scheduled minStake");
        assertEq(registry.parameters().minStake, MIN_STAKE, "nothing in force changes yet");
    }

    function testFuzz_ScheduleParameters_AcceptsExactlyTheBounds(
        uint256 window,
        uint256 unbonding,
        uint256 slashBps,
        uint256 arbiterBps
    ) public {
        window = bound(window, 0, 8 days);
        unbonding = bound(unbonding, 0, 400 days);
        slashBps = bound(slashBps, 0, 6_000);
        arbiterBps = bound(arbiterBps, 0, BPS);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeWindow = uint64(window);
        p.unbondingPeriod = uint64(unbonding);
        p.slashBps = uint16(slashBps);
        p.maxArbiterSlashBps = uint16(arbiterBps);

        if (window < 5 minutes || window > 7 days) {
            _expectOutOfBounds("challengeWindow", window, 5 minutes, 7 days);
        } else if (unbonding < window || unbonding > 365 days) {
            _expectOutOfBounds("unbondingPeriod", unbonding, window, 365 days);
        } else if (slashBps == 0 || slashBps > 5_000) {
            _expectOutOfBounds("slashBps", slashBps, 1, 5_000);
        } else if (arbiterBps == 0 || arbiterBps > 3_000) {
            _expectOutOfBounds("maxArbiterSlashBps", arbiterBps, 1, 3_000);
        }
        vm.prank(admin);
        registry.scheduleParameters(p);
    }

    function testFuzz_ApplyParameters_OnlyOnceTheDelayHasPassed(uint256 wait) public {
        wait = bound(wait, 0, 2 * registry.PARAMETER_DELAY());
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.slashBps = 2_500;
        vm.prank(admin);
        registry.scheduleParameters(p);
        uint256 effectiveAt = block.timestamp + registry.PARAMETER_DELAY();
        skip(wait);

        bool early = block.timestamp < effectiveAt;
        if (early) {
            vm.expectRevert(
                abi.encodeWithSelector(Errors.ParametersNotYetEffective.selector, effectiveAt, block.timestamp)
            );
        }
        vm.prank(stranger);
        registry.applyParameters();
        assertEq(registry.parameters().slashBps, early ? SLASH_BPS : 2_500, "in force iff the delay passed");
    }

    /// @dev However the admin steps, each change of the minimum stake stays within twofold, so reaching a
    /// target takes at least log2(target / current) announced changes.
    function testFuzz_MinStake_ReachesATargetOnlyThroughBoundedSteps(uint256 target) public {
        target = bound(target, MIN_STAKE / 8, 8 * MIN_STAKE);
        IEngineRegistry.Parameters memory p = defaultParameters();
        uint256 current = MIN_STAKE;
        uint256 steps;
        while (current != target) {
            uint256 next = target > current
                ? (target < 2 * current ? target : 2 * current)
                : (target > current / 2 ? target : current / 2);
            p.minStake = uint128(next);
            p.challengeBond = uint128(next / 10); // keeps the bond under the stake, within twofold
            vm.prank(admin);
            registry.scheduleParameters(p);
            skip(registry.PARAMETER_DELAY());
            registry.applyParameters();
            current = next;
            ++steps;
        }
        assertEq(registry.parameters().minStake, target, "reached");
        assertLe(steps, 3, "at most three doublings or halvings within eightfold");
        assertGe(block.timestamp, START + steps * registry.PARAMETER_DELAY(), "each step waited its delay");
    }
}
