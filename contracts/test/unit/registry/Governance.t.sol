// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

// Casts are of constants that fit:
// forge-lint: disable-next-item(unsafe-typecast)
/// @notice When governance takes effect: scheduleParameters, applyParameters and cancelParameters (branches:
/// applyParameters.tree), the two-step admin transfer, and what a change does to engines already registered.
/// v1's admin changed any parameter at once and without bound; engines and picos now see every change coming.
contract GovernanceTest is Base {
    uint256 internal delay;

    function setUp() public override {
        super.setUp();
        delay = registry.PARAMETER_DELAY();
    }

    function _schedule(IEngineRegistry.Parameters memory p) internal {
        vm.prank(admin);
        registry.scheduleParameters(p);
    }

    function _scheduleAndApply(IEngineRegistry.Parameters memory p) internal {
        _schedule(p);
        skip(delay);
        registry.applyParameters();
    }

    /*//////////////////////////////////////////////////////////////
                         SCHEDULE AND APPLY
    //////////////////////////////////////////////////////////////*/

    function test_ScheduleParameters_AnnouncesOnlyWhatChangesAndChangesNothingYet() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 2 ether;
        p.moveWindow = 1 hours;
        uint256 effectiveAt = block.timestamp + 2 days;
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ParameterScheduled("minStake", 2 ether, effectiveAt);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ParameterScheduled("moveWindow", 1 hours, effectiveAt);
        vm.recordLogs();
        _schedule(p);

        assertEq(vm.getRecordedLogs().length, 2, "one event per change, none for the rest");
        (IEngineRegistry.Parameters memory next, uint256 at) = registry.scheduledParameters();
        assertEq(at, effectiveAt, "effective two days from now");
        assertEq(next.minStake, 2 ether, "scheduled");
        assertEq(registry.parameters().minStake, MIN_STAKE, "not in force yet");
    }

    function test_RevertWhen_ApplyingBeforeTheDelay() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 2 ether;
        _schedule(p);
        uint256 effectiveAt = block.timestamp + delay;
        vm.warp(effectiveAt - 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.ParametersNotYetEffective.selector, effectiveAt, effectiveAt - 1));
        registry.applyParameters();
        assertEq(registry.parameters().minStake, MIN_STAKE, "unchanged");
    }

    function test_ApplyParameters_AnyoneAppliesThemOnceTheDelayHasPassed() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 2 ether;
        p.treasury = stranger;
        _schedule(p);
        skip(delay);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ParameterChanged("minStake", MIN_STAKE, 2 ether);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ParameterChanged("treasury", uint160(treasury), uint160(stranger));
        vm.prank(stranger);
        registry.applyParameters();

        assertEq(registry.parameters().minStake, 2 ether, "in force");
        assertEq(registry.parameters().treasury, stranger, "in force");
        (, uint256 effectiveAt) = registry.scheduledParameters();
        assertEq(effectiveAt, 0, "the schedule is spent");
    }

    function test_RevertWhen_ApplyingWithNothingScheduled() public {
        vm.expectRevert(Errors.NoScheduledParameters.selector);
        registry.applyParameters();
    }

    function test_RevertWhen_ApplyingTwice() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.slashBps = 2_000;
        _scheduleAndApply(p);
        vm.expectRevert(Errors.NoScheduledParameters.selector);
        registry.applyParameters();
    }

    function test_ScheduleParameters_ReplacesAnEarlierScheduleAndRestartsTheDelay() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.slashBps = 2_000;
        _schedule(p);
        skip(1 days);
        p.slashBps = 3_000;
        _schedule(p);
        skip(delay - 1);
        vm.expectRevert(
            abi.encodeWithSelector(Errors.ParametersNotYetEffective.selector, block.timestamp + 1, block.timestamp)
        );
        registry.applyParameters();
        skip(1);
        registry.applyParameters();
        assertEq(registry.parameters().slashBps, 3_000, "the later schedule");
    }

    /// @dev The bounds hold per change: quadrupling the minimum stake takes two announced changes.
    function test_MinStake_QuadruplesOnlyInTwoChanges() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = uint128(2 * MIN_STAKE);
        _scheduleAndApply(p);
        p.minStake = uint128(4 * MIN_STAKE);
        _scheduleAndApply(p);
        assertEq(registry.parameters().minStake, 4 * MIN_STAKE, "four days later");
    }

    /*//////////////////////////////////////////////////////////////
                               CANCEL
    //////////////////////////////////////////////////////////////*/

    function test_CancelParameters_DropsTheSchedule() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 2 ether;
        _schedule(p);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ParametersCancelled();
        vm.prank(admin);
        registry.cancelParameters();

        skip(delay);
        vm.expectRevert(Errors.NoScheduledParameters.selector);
        registry.applyParameters();
        assertEq(registry.parameters().minStake, MIN_STAKE, "never applied");
    }

    function test_RevertWhen_CancellingWithNothingScheduled() public {
        vm.expectRevert(Errors.NoScheduledParameters.selector);
        vm.prank(admin);
        registry.cancelParameters();
    }

    function test_RevertWhen_ANonAdminCancels() public {
        _schedule(defaultParameters());
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, bytes32(0))
        );
        vm.prank(stranger);
        registry.cancelParameters();
    }

    /*//////////////////////////////////////////////////////////////
                            ADMIN TRANSFER
    //////////////////////////////////////////////////////////////*/

    function test_AdminTransfer_TakesTwoStepsAndTheDelay() public {
        vm.prank(admin);
        registry.beginDefaultAdminTransfer(stranger);
        uint256 schedule = block.timestamp + ADMIN_DELAY;

        vm.warp(schedule);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminDelay.selector, uint48(schedule)
            )
        );
        vm.prank(stranger);
        registry.acceptDefaultAdminTransfer();

        skip(1);
        vm.prank(stranger);
        registry.acceptDefaultAdminTransfer();
        assertEq(registry.defaultAdmin(), stranger, "the new admin");
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, bytes32(0))
        );
        vm.prank(admin);
        registry.scheduleParameters(defaultParameters());
    }

    function test_RevertWhen_SomeoneElseAcceptsTheAdminRole() public {
        vm.prank(admin);
        registry.beginDefaultAdminTransfer(stranger);
        skip(ADMIN_DELAY + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, arbiter)
        );
        vm.prank(arbiter);
        registry.acceptDefaultAdminTransfer();
    }

    function test_RevertWhen_TheAdminRoleIsGrantedInOneStep() public {
        vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
        vm.prank(admin);
        registry.grantRole(bytes32(0), stranger);
    }

    /*//////////////////////////////////////////////////////////////
                          EFFECTS OF A CHANGE
    //////////////////////////////////////////////////////////////*/

    /// @dev A raised minimum unlists an engine, but does not halt it: its picos keep being served and paying.
    function test_ARaisedMinimumUnlistsWithoutHaltingAndALoweredOneListsAgain() public {
        uint256 id = register(operator, 1.5 ether);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 2 ether;
        _scheduleAndApply(p);
        assertFalse(registry.engine(id).listed, "under the new minimum");
        assertFalse(registry.engine(id).halted, "not halted");
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, id));
        openLease(id, DEPOSIT);

        p.minStake = 1.5 ether;
        _scheduleAndApply(p);
        assertTrue(registry.engine(id).listed, "at the new minimum");
        openLease(id, DEPOSIT);
    }

    function test_AnOpenChallengeKeepsItsBond() public {
        uint256 id = register(operator, 2 ether);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeWindow = 3 days; // so that a challenge outlives the delay
        _scheduleAndApply(p);
        p.challengeBond = uint128(2 * BOND);
        _schedule(p);
        uint256 challengeId = openChallenge(id);
        skip(delay);
        registry.applyParameters();
        vm.prank(operator);
        registry.answerChallenge(challengeId);
        assertEq(registry.creditOf(operator), BOND, "the bond that was posted");
        vm.expectRevert(abi.encodeWithSelector(Errors.WrongChallengeBond.selector, BOND, 2 * BOND));
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(id);
    }

    function test_ANewTreasuryTakesLaterSlashes() public {
        uint256 id = register(operator, 2 ether);
        vm.prank(arbiter);
        registry.arbiterSlash(id, keccak256("case #1"), 1_000, REASON_CID);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.treasury = stranger;
        _scheduleAndApply(p);
        vm.prank(arbiter);
        registry.arbiterSlash(id, keccak256("case #2"), 1_000, REASON_CID);
        assertEq(registry.creditOf(treasury), 0.2 ether, "the old treasury keeps what it was owed");
        assertEq(registry.creditOf(stranger), 0.18 ether, "the new one takes the next slash");
    }

    function test_AShorterUnbondingPeriodDoesNotMoveAnUnlock() public {
        uint256 id = register(operator, 2 ether);
        vm.prank(operator);
        registry.requestUnbond(id, 1 ether);
        uint256 unlockAt = block.timestamp + UNBONDING;
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.unbondingPeriod = uint64(WINDOW);
        _scheduleAndApply(p);
        assertEq(registry.engine(id).unlockAt, unlockAt, "the unlock stays where it was");
    }
}
