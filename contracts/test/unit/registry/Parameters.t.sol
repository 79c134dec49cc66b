// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {Vm, vm} from "../../utils/Vm.sol";

// Casts are of constants that fit; out-of-range values are the point:
// forge-lint: disable-next-item(unsafe-typecast)
/// @notice The constructor's parameters and the hard bounds scheduleParameters enforces (branches:
/// scheduleParameters.tree). When they take effect: GovernanceTest.
contract ParametersTest is Base {
    bytes32 internal constant PARAMETER_CHANGED = keccak256("ParameterChanged(bytes32,uint256,uint256)");

    function _schedule(IEngineRegistry.Parameters memory p) internal {
        vm.prank(admin);
        registry.scheduleParameters(p);
    }

    function _expectOutOfBounds(
        IEngineRegistry.Parameters memory p,
        bytes32 name,
        uint256 value,
        uint256 min,
        uint256 max
    ) internal {
        vm.expectRevert(abi.encodeWithSelector(Errors.ParameterOutOfBounds.selector, name, value, min, max));
        _schedule(p);
    }

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    function test_Constructor_StoresTheParametersAndTheAdmin() public view {
        IEngineRegistry.Parameters memory p = registry.parameters();
        assertEq(p.minStake, MIN_STAKE, "minStake");
        assertEq(p.challengeBond, BOND, "challengeBond");
        assertEq(p.unbondingPeriod, UNBONDING, "unbondingPeriod");
        assertEq(p.challengeWindow, WINDOW, "challengeWindow");
        assertEq(p.slashBps, SLASH_BPS, "slashBps");
        assertEq(p.maxArbiterSlashBps, MAX_ARBITER_BPS, "maxArbiterSlashBps");
        assertEq(p.minPrepaidPeriod, MIN_PREPAID, "minPrepaidPeriod");
        assertEq(p.moveWindow, MOVE_WINDOW, "moveWindow");
        assertEq(p.treasury, treasury, "treasury");
        assertEq(registry.defaultAdmin(), admin, "admin");
        assertEq(registry.defaultAdminDelay(), ADMIN_DELAY, "admin delay");
        (, uint256 effectiveAt) = registry.scheduledParameters();
        assertEq(effectiveAt, 0, "nothing scheduled");
    }

    function test_Constructor_PublishesEveryInitialParameter() public {
        vm.recordLogs();
        new EngineRegistry(admin, ADMIN_DELAY, defaultParameters(), type(LeaseEscrow).creationCode);
        assertEq(_countParameterChanges(), 9, "one ParameterChanged per parameter");
    }

    function test_RevertWhen_ConstructedOutOfBounds() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.slashBps = 0;
        vm.expectRevert(abi.encodeWithSelector(Errors.ParameterOutOfBounds.selector, bytes32("slashBps"), 0, 1, 5_000));
        new EngineRegistry(admin, ADMIN_DELAY, p, type(LeaseEscrow).creationCode);
    }

    function test_RevertWhen_ConstructedWithAMinStakeAboveTenThousandEther() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 10_000 ether + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                Errors.ParameterOutOfBounds.selector, bytes32("minStake"), 10_000 ether + 1, 1, 10_000 ether
            )
        );
        new EngineRegistry(admin, ADMIN_DELAY, p, type(LeaseEscrow).creationCode);
    }

    /*//////////////////////////////////////////////////////////////
                               BOUNDS
    //////////////////////////////////////////////////////////////*/

    function test_ScheduleParameters_AcceptsEveryLowerBound() public {
        IEngineRegistry.Parameters memory p = IEngineRegistry.Parameters({
            minStake: uint128(MIN_STAKE / 2),
            challengeBond: uint128(BOND / 2),
            unbondingPeriod: 5 minutes,
            challengeWindow: 5 minutes,
            slashBps: 1,
            maxArbiterSlashBps: 1,
            minPrepaidPeriod: 1 minutes,
            moveWindow: 1 minutes,
            treasury: address(1)
        });
        _schedule(p);
        (IEngineRegistry.Parameters memory next,) = registry.scheduledParameters();
        assertEq(next.minStake, MIN_STAKE / 2, "half the minimum stake");
    }

    function test_ScheduleParameters_AcceptsEveryUpperBound() public {
        IEngineRegistry.Parameters memory p = IEngineRegistry.Parameters({
            minStake: uint128(2 * MIN_STAKE),
            challengeBond: uint128(2 * BOND),
            unbondingPeriod: 365 days,
            challengeWindow: 7 days,
            slashBps: 5_000,
            maxArbiterSlashBps: 3_000,
            minPrepaidPeriod: 30 days,
            moveWindow: 1 days,
            treasury: address(type(uint160).max)
        });
        _schedule(p);
        (IEngineRegistry.Parameters memory next,) = registry.scheduledParameters();
        assertEq(next.unbondingPeriod, 365 days, "largest unbonding period");
    }

    function test_RevertWhen_MinStakeMoreThanDoublesInOneChange() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = uint128(2 * MIN_STAKE + 1);
        _expectOutOfBounds(p, "minStake", 2 * MIN_STAKE + 1, MIN_STAKE / 2, 2 * MIN_STAKE);
    }

    function test_RevertWhen_MinStakeMoreThanHalvesInOneChange() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = uint128(MIN_STAKE / 2 - 1);
        _expectOutOfBounds(p, "minStake", MIN_STAKE / 2 - 1, MIN_STAKE / 2, 2 * MIN_STAKE);
    }

    function test_RevertWhen_MinStakeIsZero() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 0;
        _expectOutOfBounds(p, "minStake", 0, 1, 10_000 ether);
    }

    function test_RevertWhen_ChallengeBondMoreThanDoublesInOneChange() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeBond = uint128(2 * BOND + 1);
        _expectOutOfBounds(p, "challengeBond", 2 * BOND + 1, BOND / 2, 2 * BOND);
    }

    function test_RevertWhen_ChallengeBondMoreThanHalvesInOneChange() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeBond = uint128(BOND / 2 - 1);
        _expectOutOfBounds(p, "challengeBond", BOND / 2 - 1, BOND / 2, 2 * BOND);
    }

    /// @dev A bond above the stake it could win would price challenges out of reach.
    function test_RevertWhen_ChallengeBondExceedsTheMinStake() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = uint128(MIN_STAKE / 2);
        p.challengeBond = uint128(MIN_STAKE / 2 + 1);
        _expectOutOfBounds(p, "challengeBond", MIN_STAKE / 2 + 1, 1, MIN_STAKE / 2);
    }

    function test_RevertWhen_ChallengeBondIsZero() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeBond = 0;
        _expectOutOfBounds(p, "challengeBond", 0, 1, MIN_STAKE);
    }

    function test_RevertWhen_ChallengeWindowIsTooShort() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeWindow = 5 minutes - 1;
        _expectOutOfBounds(p, "challengeWindow", 5 minutes - 1, 5 minutes, 7 days);
    }

    function test_RevertWhen_ChallengeWindowIsTooLong() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeWindow = 7 days + 1;
        _expectOutOfBounds(p, "challengeWindow", 7 days + 1, 5 minutes, 7 days);
    }

    /// @dev A challenge opened when the unbonding starts must close before the stake unlocks.
    function test_RevertWhen_UnbondingPeriodIsShorterThanTheChallengeWindow() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.unbondingPeriod = uint64(WINDOW - 1);
        _expectOutOfBounds(p, "unbondingPeriod", WINDOW - 1, WINDOW, 365 days);
    }

    function test_RevertWhen_UnbondingPeriodIsTooLong() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.unbondingPeriod = 365 days + 1;
        _expectOutOfBounds(p, "unbondingPeriod", 365 days + 1, WINDOW, 365 days);
    }

    function test_RevertWhen_SlashBpsIsZero() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.slashBps = 0;
        _expectOutOfBounds(p, "slashBps", 0, 1, 5_000);
    }

    function test_RevertWhen_SlashBpsExceedsHalf() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.slashBps = 5_001;
        _expectOutOfBounds(p, "slashBps", 5_001, 1, 5_000);
    }

    function test_RevertWhen_MaxArbiterSlashBpsIsZero() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.maxArbiterSlashBps = 0;
        _expectOutOfBounds(p, "maxArbiterSlashBps", 0, 1, 3_000);
    }

    /// @dev v1 let the admin allow arbiters to take the whole stake in one case.
    function test_RevertWhen_MaxArbiterSlashBpsIsScheduledAboveThirtyPercent() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.maxArbiterSlashBps = 3_001;
        _expectOutOfBounds(p, "maxArbiterSlashBps", 3_001, 1, 3_000);
    }

    function test_RevertWhen_MinPrepaidPeriodIsOutOfBounds() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minPrepaidPeriod = 1 minutes - 1;
        _expectOutOfBounds(p, "minPrepaidPeriod", 1 minutes - 1, 1 minutes, 30 days);
        p.minPrepaidPeriod = 30 days + 1;
        _expectOutOfBounds(p, "minPrepaidPeriod", 30 days + 1, 1 minutes, 30 days);
    }

    function test_RevertWhen_MoveWindowIsOutOfBounds() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.moveWindow = 1 minutes - 1;
        _expectOutOfBounds(p, "moveWindow", 1 minutes - 1, 1 minutes, 1 days);
        p.moveWindow = 1 days + 1;
        _expectOutOfBounds(p, "moveWindow", 1 days + 1, 1 minutes, 1 days);
    }

    function test_RevertWhen_TreasuryIsTheZeroAddress() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.treasury = address(0);
        _expectOutOfBounds(p, "treasury", 0, 1, type(uint160).max);
    }

    function test_RevertWhen_ANonAdminSchedulesParameters() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, bytes32(0))
        );
        vm.prank(stranger);
        registry.scheduleParameters(p);
    }

    /// @dev How many ParameterChanged logs were emitted since {Vm.recordLogs}.
    function _countParameterChanges() internal returns (uint256 count) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].topics[0] == PARAMETER_CHANGED) ++count;
        }
    }
}
