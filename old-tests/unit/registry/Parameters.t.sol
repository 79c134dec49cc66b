// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {Vm, vm} from "../../utils/Vm.sol";

// Casts are of constants that fit; out-of-range values are the point:
// forge-lint: disable-next-item(unsafe-typecast)
/// @notice The constructor, parameters and setParameters: bounds, events, and what a change does to the market.
contract ParametersTest is Base {
    bytes32 internal constant PARAMETER_CHANGED = keccak256("ParameterChanged(bytes32,uint256,uint256)");

    function _set(IEngineRegistry.Parameters memory p) internal {
        vm.prank(admin);
        registry.setParameters(p);
    }

    function _expectOutOfBounds(
        IEngineRegistry.Parameters memory p,
        bytes32 name,
        uint256 value,
        uint256 min,
        uint256 max
    ) internal {
        vm.expectRevert(abi.encodeWithSelector(Errors.ParameterOutOfBounds.selector, name, value, min, max));
        _set(p);
    }

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    function test_Constructor_StoresTheParametersAndDeploysItsEscrow() public view {
        IEngineRegistry.Parameters memory p = registry.parameters();
        assertEq(p.minStake, MIN_STAKE, "minStake");
        assertEq(p.challengeBond, BOND, "challengeBond");
        assertEq(p.unbondingPeriod, UNBONDING, "unbondingPeriod");
        assertEq(p.challengeWindow, WINDOW, "challengeWindow");
        assertEq(p.slashBps, SLASH_BPS, "slashBps");
        assertEq(p.maxArbiterSlashBps, MAX_ARBITER_BPS, "maxArbiterSlashBps");
        assertEq(p.treasury, treasury, "treasury");
        assertTrue(registry.hasRole(bytes32(0), admin), "admin");
        assertEq(address(escrow.registry()), address(registry), "the escrow belongs to its registry");
        assertEq(escrow.leaseCount(), 0, "no leases yet");
    }

    function test_Constructor_PublishesEveryInitialParameter() public {
        vm.recordLogs();
        registry = new EngineRegistry(admin, defaultParameters());
        assertEq(_countParameterChanges(), 7, "one ParameterChanged per parameter");
    }

    function test_RevertWhen_ConstructedOutOfBounds() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.slashBps = 0;
        vm.expectRevert(abi.encodeWithSelector(Errors.ParameterOutOfBounds.selector, bytes32("slashBps"), 0, 1, 5_000));
        new EngineRegistry(admin, p);
    }

    /*//////////////////////////////////////////////////////////////
                             SET PARAMETERS
    //////////////////////////////////////////////////////////////*/

    function test_SetParameters_EmitsOnlyForWhatChanged() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 3 ether;
        vm.recordLogs();
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ParameterChanged("minStake", MIN_STAKE, 3 ether);
        _set(p);
        assertEq(_countParameterChanges(), 1, "one change, one event");
        assertEq(registry.parameters().minStake, 3 ether, "changed");

        vm.recordLogs();
        _set(p);
        assertEq(_countParameterChanges(), 0, "no change, no event");
    }

    function test_SetParameters_AcceptsEveryBound() public {
        IEngineRegistry.Parameters memory p = IEngineRegistry.Parameters({
            minStake: 1,
            challengeBond: 1,
            unbondingPeriod: 5 minutes,
            challengeWindow: 5 minutes,
            slashBps: 5_000,
            maxArbiterSlashBps: uint16(BPS),
            treasury: address(1)
        });
        _set(p);
        p = IEngineRegistry.Parameters({
            minStake: type(uint128).max,
            challengeBond: type(uint128).max,
            unbondingPeriod: 365 days,
            challengeWindow: 7 days,
            slashBps: 1,
            maxArbiterSlashBps: 1,
            treasury: address(type(uint160).max)
        });
        _set(p);
        assertEq(registry.parameters().unbondingPeriod, 365 days, "largest unbonding period");
    }

    function test_RevertWhen_MinStakeIsZero() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 0;
        _expectOutOfBounds(p, "minStake", 0, 1, type(uint128).max);
    }

    function test_RevertWhen_ChallengeBondIsZero() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeBond = 0;
        _expectOutOfBounds(p, "challengeBond", 0, 1, type(uint128).max);
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
        _expectOutOfBounds(p, "maxArbiterSlashBps", 0, 1, BPS);
    }

    function test_RevertWhen_MaxArbiterSlashBpsExceedsTheWhole() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.maxArbiterSlashBps = uint16(BPS + 1);
        _expectOutOfBounds(p, "maxArbiterSlashBps", BPS + 1, 1, BPS);
    }

    function test_RevertWhen_TreasuryIsTheZeroAddress() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.treasury = address(0);
        _expectOutOfBounds(p, "treasury", 0, 1, type(uint160).max);
    }

    function test_RevertWhen_ANonAdminSetsParameters() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, bytes32(0))
        );
        vm.prank(stranger);
        registry.setParameters(p);
    }

    /*//////////////////////////////////////////////////////////////
                           EFFECTS OF A CHANGE
    //////////////////////////////////////////////////////////////*/

    function test_SetParameters_ARaisedMinimumDelistsAndALoweredOneListsAgain() public {
        uint256 id = register(operator, 2 ether);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 3 ether;
        _set(p);
        assertFalse(registry.engine(id).listed, "under the new minimum");
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, id));
        openLease(id, DEPOSIT);

        p.minStake = 2 ether;
        _set(p);
        assertTrue(registry.engine(id).listed, "at the new minimum");
        openLease(id, DEPOSIT);
    }

    function test_SetParameters_AnOpenChallengeKeepsItsBond() public {
        uint256 id = register(operator, 2 ether);
        openChallenge(id);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeBond = uint128(2 * BOND);
        _set(p);
        vm.prank(operator);
        registry.answerChallenge(id);
        assertEq(registry.payoutOf(operator), BOND, "the bond that was posted");
        vm.expectRevert(abi.encodeWithSelector(Errors.WrongChallengeBond.selector, BOND, 2 * BOND));
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(id);
    }

    function test_SetParameters_ANewTreasuryTakesLaterSlashes() public {
        uint256 id = register(operator, 2 ether);
        vm.prank(arbiter);
        registry.arbiterSlash(id, 1_000, REASON_CID);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.treasury = stranger;
        _set(p);
        vm.prank(arbiter);
        registry.arbiterSlash(id, 1_000, REASON_CID);
        assertEq(registry.payoutOf(treasury), 0.2 ether, "the old treasury keeps what it was owed");
        assertEq(registry.payoutOf(stranger), 0.18 ether, "the new one takes the next slash");
    }

    function test_SetParameters_AShorterUnbondingPeriodDoesNotMoveAnUnlock() public {
        uint256 id = register(operator, 2 ether);
        vm.prank(operator);
        registry.requestUnbond(id, 1 ether);
        uint256 unlockAt = block.timestamp + UNBONDING;
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.unbondingPeriod = uint64(WINDOW);
        _set(p);
        assertEq(registry.engine(id).unlockAt, unlockAt, "the unlock stays where it was");
    }

    /// @dev How many ParameterChanged logs the registry emitted since {Vm.recordLogs}.
    function _countParameterChanges() internal returns (uint256 count) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter == address(registry) && logs[i].topics[0] == PARAMETER_CHANGED) ++count;
        }
    }
}
