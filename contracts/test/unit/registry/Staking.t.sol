// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice addStake, requestUnbond and withdraw (branches: withdraw.tree), and the halts and resumptions they
/// cause when the stake crosses the minimum.
contract StakingTest is Base {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = register(operator, 2 ether);
    }

    function _unbond(uint256 amount) internal returns (uint256 unlockAt) {
        unlockAt = block.timestamp + UNBONDING;
        vm.prank(operator);
        registry.requestUnbond(id, amount);
    }

    /*//////////////////////////////////////////////////////////////
                               ADD STAKE
    //////////////////////////////////////////////////////////////*/

    function test_AddStake_RaisesTheActiveStake() public {
        vm.expectEmit(address(registry));
        emit IEngineRegistry.StakeAdded(id, operator, 0.5 ether, 2.5 ether);
        vm.prank(operator);
        registry.addStake{value: 0.5 ether}(id);
        assertEq(registry.engine(id).stake, 2.5 ether, "stake");
        assertEq(address(registry).balance, 2.5 ether, "held");
    }

    function test_AddStake_TheAgentMayAdd() public {
        vm.prank(operator);
        registry.setAgent(id, agent);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.StakeAdded(id, agent, 1 ether, 3 ether);
        vm.prank(agent);
        registry.addStake{value: 1 ether}(id);
        assertEq(registry.engine(id).stake, 3 ether, "stake");
        // Only the operator takes stake out, whoever put it in.
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, agent, operator));
        vm.prank(agent);
        registry.requestUnbond(id, 1 ether);
    }

    function test_RevertWhen_AStrangerAddsStake() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, stranger));
        vm.prank(stranger);
        registry.addStake{value: 1 ether}(id);
        assertEq(registry.engine(id).stake, 2 ether, "unchanged");
    }

    function test_AddStake_ResumesAHaltedEngineInANewEpochOnceItReachesTheMinimum() public {
        _unbond(1.5 ether);
        assertTrue(registry.engine(id).halted, "halted below the minimum");
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineResumed(id, 1);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.StakeAdded(id, operator, 0.5 ether, 1 ether);
        vm.prank(operator);
        registry.addStake{value: 0.5 ether}(id);

        EngineRegistry.EngineView memory e = registry.engine(id);
        assertFalse(e.halted, "resumed");
        assertTrue(e.listed, "listed again at exactly the minimum");
        assertEq(e.epoch, 1, "new leases belong to the new epoch");
    }

    function test_AddStake_BelowTheMinimumKeepsAHaltedEngineHalted() public {
        _unbond(1.5 ether);
        vm.recordLogs();
        vm.prank(operator);
        registry.addStake{value: 0.5 ether - 1}(id);
        assertEq(vm.getRecordedLogs().length, 1, "only StakeAdded: no EngineResumed");
        assertTrue(registry.engine(id).halted, "still halted");
        assertFalse(registry.engine(id).listed, "still unlisted");
    }

    function test_RevertWhen_AddStakeOfZero() public {
        vm.expectRevert(Errors.ZeroAmount.selector);
        vm.prank(operator);
        registry.addStake(id);
    }

    function test_RevertWhen_AddStakeOverflows96Bits() public {
        uint256 amount = uint256(type(uint96).max) - 2 ether + 1;
        vm.deal(operator, amount);
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 96, uint256(type(uint96).max) + 1)
        );
        vm.prank(operator);
        registry.addStake{value: amount}(id);
    }

    function test_RevertWhen_AddStakeToAnUnknownEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 9));
        vm.prank(operator);
        registry.addStake{value: 1 ether}(9);
    }

    /*//////////////////////////////////////////////////////////////
                             REQUEST UNBOND
    //////////////////////////////////////////////////////////////*/

    function test_RequestUnbond_MovesStakeIntoUnbondingAndKeepsTheEngineListedAtTheMinimum() public {
        vm.recordLogs();
        uint256 unlockAt = _unbond(1 ether);
        assertEq(vm.getRecordedLogs().length, 1, "only UnbondRequested: no halt at exactly the minimum");
        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(e.stake, 1 ether, "active stake");
        assertEq(e.unbonding, 1 ether, "unbonding");
        assertEq(e.unlockAt, unlockAt, "unlockAt");
        assertTrue(e.listed, "still at the minimum");
        assertFalse(e.halted, "not halted");
    }

    function test_RequestUnbond_BelowTheMinimumHaltsTheEngine() public {
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineHalted(id, 0, block.timestamp);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.UnbondRequested(id, 1.5 ether, 0.5 ether, 1.5 ether, block.timestamp + UNBONDING);
        _unbond(1.5 ether);

        EngineRegistry.EngineView memory e = registry.engine(id);
        assertTrue(e.halted, "halted");
        assertFalse(e.listed, "unlisted");
        assertEq(e.epoch, 1, "the halted epoch is closed");
        assertEq(registry.accrualEnd(id, 0), block.timestamp, "leases of epoch 0 stop accruing now");
    }

    function test_RequestUnbond_AHaltedEngineHaltsOnce() public {
        _unbond(1.5 ether);
        skip(1 hours);
        vm.recordLogs();
        _unbond(0.5 ether);
        assertEq(vm.getRecordedLogs().length, 1, "only UnbondRequested: no second EngineHalted");
        assertEq(registry.engine(id).epoch, 1, "same epoch");
        assertEq(registry.accrualEnd(id, 0), block.timestamp - 1 hours, "the halt time stays the first one");
    }

    function test_RequestUnbond_ASecondRequestRestartsTheDelayForEverything() public {
        _unbond(0.5 ether);
        skip(3 days);
        uint256 unlockAt = _unbond(0.5 ether);
        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(e.unbonding, 1 ether, "both requests unbond");
        assertEq(e.unlockAt, unlockAt, "the delay restarted");
    }

    function test_RequestUnbond_TheWholeStake() public {
        _unbond(2 ether);
        assertEq(registry.engine(id).stake, 0, "nothing active");
        assertEq(registry.engine(id).unbonding, 2 ether, "all unbonding");
    }

    function test_RevertWhen_UnbondingMoreThanStaked() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnbondExceedsStake.selector, id, 2 ether + 1, 2 ether));
        vm.prank(operator);
        registry.requestUnbond(id, 2 ether + 1);
    }

    function test_RevertWhen_UnbondingZero() public {
        vm.expectRevert(Errors.ZeroAmount.selector);
        vm.prank(operator);
        registry.requestUnbond(id, 0);
    }

    function test_RevertWhen_UnbondByANonOperator() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, stranger, operator));
        vm.prank(stranger);
        registry.requestUnbond(id, 1 ether);
    }

    function test_RevertWhen_UnbondAnUnknownEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 3));
        vm.prank(operator);
        registry.requestUnbond(3, 1 ether);
    }

    /*//////////////////////////////////////////////////////////////
                                WITHDRAW
    //////////////////////////////////////////////////////////////*/

    function test_Withdraw_SendsTheUnlockedStakeToTheOperator() public {
        uint256 unlockAt = _unbond(1 ether);
        vm.warp(unlockAt); // the unlock second itself is enough
        uint256 before = operator.balance;
        vm.expectEmit(address(registry));
        emit IEngineRegistry.StakeWithdrawn(id, operator, 1 ether);
        vm.prank(operator);
        registry.withdraw(id);

        assertEq(operator.balance, before + 1 ether, "paid out");
        assertEq(registry.engine(id).unbonding, 0, "nothing left unbonding");
        assertEq(registry.engine(id).stake, 1 ether, "active stake untouched");
        assertEq(address(registry).balance, 1 ether, "only the active stake stays");
    }

    /// @dev Stake is the cold key's: a payout address receives earnings, never the stake.
    function test_Withdraw_PaysTheOperatorNotThePayoutAddress() public {
        vm.prank(operator);
        registry.setPayout(id, payout);
        vm.warp(_unbond(1 ether));
        uint256 before = payout.balance;
        vm.prank(operator);
        registry.withdraw(id);
        assertEq(payout.balance, before, "the payout address gets nothing");
    }

    function test_RevertWhen_WithdrawingTwice() public {
        vm.warp(_unbond(1 ether));
        vm.prank(operator);
        registry.withdraw(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.NothingToWithdraw.selector, id));
        vm.prank(operator);
        registry.withdraw(id);
    }

    function test_RevertWhen_WithdrawingBeforeUnlock() public {
        uint256 unlockAt = _unbond(1 ether);
        vm.warp(unlockAt - 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnbondingLocked.selector, id, unlockAt, unlockAt - 1));
        vm.prank(operator);
        registry.withdraw(id);
    }

    function test_RevertWhen_WithdrawingWithoutAnUnbondRequest() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NothingToWithdraw.selector, id));
        vm.prank(operator);
        registry.withdraw(id);
    }

    function test_RevertWhen_WithdrawingWhileAChallengeIsOpen() public {
        _unbond(0.5 ether);
        openChallenge(id);
        skip(UNBONDING);
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengePending.selector, id));
        vm.prank(operator);
        registry.withdraw(id);
    }

    function test_Withdraw_AfterTheChallengeIsAnswered() public {
        uint256 unlockAt = _unbond(0.5 ether);
        uint256 challengeId = openChallenge(id);
        vm.prank(operator);
        registry.answerChallenge(challengeId);
        vm.warp(unlockAt);
        vm.prank(operator);
        registry.withdraw(id);
        assertEq(registry.engine(id).unbonding, 0, "withdrawn");
    }

    function test_RevertWhen_WithdrawByANonOperator() public {
        vm.warp(_unbond(1 ether));
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, stranger, operator));
        vm.prank(stranger);
        registry.withdraw(id);
    }

    function test_RevertWhen_WithdrawFromAnUnknownEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 5));
        vm.prank(operator);
        registry.withdraw(5);
    }
}
