// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";
import {Reenterer} from "../mocks/Reenterer.sol";

contract StakingTest is Base {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = _register(operator, 2 ether);
    }

    function test_AddStakeRaisesTheStake() public {
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.StakeAdded(id, 0.5 ether, 2.5 ether);
        vm.prank(operator);
        registry.addStake{value: 0.5 ether}(id);
        vm.assertEq(registry.engine(id).stake, 2.5 ether, "stake");
    }

    function test_AddStakeRelistsAnEngineBackAtTheMinimum() public {
        vm.prank(operator);
        registry.requestUnbond(id, 1.5 ether);
        vm.assertFalse(registry.engine(id).listed, "delisted below the minimum");
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.EngineListed(id);
        vm.prank(operator);
        registry.addStake{value: 0.5 ether}(id);
        vm.assertTrue(registry.engine(id).listed, "listed again");
    }

    function test_RevertWhen_AddStakeOfZero() public {
        vm.expectRevert(Errors.ZeroAmount.selector);
        vm.prank(operator);
        registry.addStake(id);
    }

    function test_RevertWhen_NonOperatorAddsStake() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, stranger, operator));
        vm.prank(stranger);
        registry.addStake{value: 1 ether}(id);
    }

    function test_RequestUnbondLocksForTheUnbondingPeriodAndDelists() public {
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.EngineDelisted(id);
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.UnbondRequested(id, 1.5 ether, 0.5 ether, 1.5 ether, block.timestamp + UNBONDING);
        vm.prank(operator);
        registry.requestUnbond(id, 1.5 ether);

        EngineRegistry.EngineView memory e = registry.engine(id);
        vm.assertEq(e.stake, 0.5 ether, "active stake");
        vm.assertEq(e.unbonding, 1.5 ether, "unbonding");
        vm.assertEq(e.unlockAt, block.timestamp + UNBONDING, "unlock");
    }

    function test_RevertWhen_UnbondingMoreThanStaked() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnbondExceedsStake.selector, id, 3 ether, 2 ether));
        vm.prank(operator);
        registry.requestUnbond(id, 3 ether);
    }

    function test_RevertWhen_UnbondingZero() public {
        vm.expectRevert(Errors.ZeroAmount.selector);
        vm.prank(operator);
        registry.requestUnbond(id, 0);
    }

    function test_RevertWhen_NonOperatorUnbonds() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, stranger, operator));
        vm.prank(stranger);
        registry.requestUnbond(id, 1 ether);
    }

    function test_WithdrawSendsTheUnlockedStakeOnce() public {
        vm.prank(operator);
        registry.requestUnbond(id, 1 ether);
        vm.warp(block.timestamp + UNBONDING);
        uint256 before = operator.balance;
        vm.prank(operator);
        registry.withdraw(id);
        vm.assertEq(operator.balance, before + 1 ether, "paid out");
        vm.assertEq(registry.engine(id).unbonding, 0, "nothing left unbonding");

        vm.expectRevert(abi.encodeWithSelector(Errors.NothingToWithdraw.selector, id));
        vm.prank(operator);
        registry.withdraw(id);
    }

    function test_RevertWhen_WithdrawingBeforeUnlock() public {
        vm.prank(operator);
        registry.requestUnbond(id, 1 ether);
        uint256 unlockAt = block.timestamp + UNBONDING;
        vm.warp(unlockAt - 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnbondingLocked.selector, id, unlockAt, unlockAt - 1));
        vm.prank(operator);
        registry.withdraw(id);
    }

    function test_RevertWhen_WithdrawingWithoutUnbonding() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NothingToWithdraw.selector, id));
        vm.prank(operator);
        registry.withdraw(id);
    }

    function test_RevertWhen_WithdrawingWhileChallenged() public {
        vm.prank(operator);
        registry.requestUnbond(id, 0.5 ether);
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(id);
        vm.warp(block.timestamp + UNBONDING);
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengePending.selector, id));
        vm.prank(operator);
        registry.withdraw(id);
    }

    function test_RevertWhen_NonOperatorWithdraws() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, stranger, operator));
        vm.prank(stranger);
        registry.withdraw(id);
    }

    function test_RevertWhen_WithdrawIsReentered() public {
        Reenterer attacker = new Reenterer();
        vm.deal(address(attacker), 10 ether);
        bytes memory ret = attacker.act(address(registry), abi.encodeCall(registry.register, (advert())), 2 ether);
        uint256 engine = abi.decode(ret, (uint256));
        attacker.act(address(registry), abi.encodeCall(registry.requestUnbond, (engine, 2 ether)), 0);
        vm.warp(block.timestamp + UNBONDING);
        attacker.arm(address(registry), abi.encodeCall(registry.withdraw, (engine)));

        uint256 held = address(registry).balance;
        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(attacker), 2 ether));
        attacker.act(address(registry), abi.encodeCall(registry.withdraw, (engine)), 0);
        vm.assertEq(address(registry).balance, held, "nothing left the registry");
        vm.assertEq(registry.engine(engine).unbonding, 2 ether, "still unbonding");
    }
}
