// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";
import {Reenterer, RevertingReceiver} from "../mocks/Reenterer.sol";

contract ChallengesTest is Base {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = _register(operator, 2 ether);
    }

    function _challenge() internal returns (uint256 deadline) {
        deadline = block.timestamp + WINDOW;
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(id);
    }

    function test_OpenChallengeHoldsTheBondUntilTheDeadline() public {
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.ChallengeOpened(id, challenger, BOND, block.timestamp + WINDOW);
        uint256 deadline = _challenge();
        vm.assertEq(registry.challengeOf(id).deadline, deadline, "deadline");
        vm.assertEq(registry.challengeOf(id).challenger, challenger, "challenger");
        vm.assertEq(address(registry).balance, 2 ether + BOND, "bond held");
    }

    function test_RevertWhen_BondIsWrong() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.WrongChallengeBond.selector, BOND - 1, BOND));
        vm.prank(challenger);
        registry.openChallenge{value: BOND - 1}(id);
    }

    function test_RevertWhen_SecondChallengeIsOpened() public {
        uint256 deadline = _challenge();
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeAlreadyOpen.selector, id, deadline));
        vm.prank(stranger);
        registry.openChallenge{value: BOND}(id);
    }

    function test_RevertWhen_ChallengingAnUnlistedOrUnknownEngine() public {
        vm.prank(operator);
        registry.requestUnbond(id, 2 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, id));
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 99));
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(99);
    }

    function test_AnsweringForfeitsTheBondToTheOperator() public {
        _challenge();
        vm.warp(block.timestamp + WINDOW); // the last second still counts
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.ChallengeAnswered(id, operator, BOND);
        vm.prank(operator);
        registry.answerChallenge(id);

        vm.assertEq(registry.payoutOf(operator), BOND, "bond credited");
        vm.assertEq(registry.challengeOf(id).deadline, 0, "closed");
        vm.assertEq(registry.engine(id).stake, 2 ether, "no slash");
        uint256 before = operator.balance;
        vm.prank(operator);
        registry.withdrawPayout();
        vm.assertEq(operator.balance, before + BOND, "withdrawn");
    }

    function test_RevertWhen_AnsweringSomeoneElsesChallenge() public {
        uint256 other = _register(otherOperator, 1 ether);
        _challenge();
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, otherOperator, operator));
        vm.prank(otherOperator);
        registry.answerChallenge(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoOpenChallenge.selector, other));
        vm.prank(otherOperator);
        registry.answerChallenge(other);
    }

    function test_RevertWhen_AnsweringAfterTheWindow() public {
        uint256 deadline = _challenge();
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeWindowClosed.selector, id, deadline));
        vm.prank(operator);
        registry.answerChallenge(id);
    }

    function test_RevertWhen_ExecutingEarly() public {
        uint256 deadline = _challenge();
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeWindowOpen.selector, id, deadline));
        registry.executeChallenge(id);
    }

    function test_RevertWhen_ExecutingWithoutAChallenge() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NoOpenChallenge.selector, id));
        registry.executeChallenge(id);
    }

    function test_ExecutingSlashesTenPercentHalfToTheChallengerHalfToTheTreasury() public {
        uint256 deadline = _challenge();
        vm.warp(deadline + 1);
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.EngineSlashed(id, IEngineRegistry.SlashCause.UnansweredChallenge, stranger, 0.2 ether, 1.8 ether, "");
        vm.prank(stranger);
        uint256 slashed = registry.executeChallenge(id);

        vm.assertEq(slashed, 0.2 ether, "10 % of 2 ether");
        vm.assertEq(registry.engine(id).stake, 1.8 ether, "stake after");
        vm.assertEq(registry.payoutOf(challenger), 0.1 ether + BOND, "half plus the bond back");
        vm.assertEq(registry.payoutOf(treasury), 0.1 ether, "the other half");
        vm.assertEq(address(registry).balance, 2 ether + BOND, "nothing left yet: payouts are pulled");
    }

    function test_SlashReachesUnbondingStake() public {
        vm.prank(operator);
        registry.requestUnbond(id, 2 ether);
        vm.prank(arbiter);
        registry.arbiterSlash(id, 1_000, "bafkreicase");
        vm.assertEq(registry.engine(id).unbonding, 1.8 ether, "unbonding does not escape a slash");
    }

    function test_ARevertingChallengerCannotBlockTheSlash() public {
        RevertingReceiver griefer = new RevertingReceiver();
        vm.deal(address(griefer), 1 ether);
        griefer.act(address(registry), abi.encodeCall(registry.openChallenge, (id)), BOND);
        vm.warp(block.timestamp + WINDOW + 1);
        registry.executeChallenge(id);
        vm.assertEq(registry.engine(id).stake, 1.8 ether, "slashed anyway");
        vm.assertEq(registry.payoutOf(address(griefer)), 0.2 ether, "its share waits for it");
    }

    function test_RevertWhen_WithdrawPayoutIsReenteredOrEmpty() public {
        Reenterer attacker = new Reenterer();
        vm.deal(address(attacker), 1 ether);
        attacker.act(address(registry), abi.encodeCall(registry.openChallenge, (id)), BOND);
        vm.prank(operator);
        registry.answerChallenge(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPayout.selector, address(attacker)));
        attacker.act(address(registry), abi.encodeCall(registry.withdrawPayout, ()), 0);

        // the attacker earns a payout through an unanswered challenge, then re-enters on withdrawal
        attacker.act(address(registry), abi.encodeCall(registry.openChallenge, (id)), BOND);
        vm.warp(block.timestamp + WINDOW + 1);
        registry.executeChallenge(id);
        uint256 owed = registry.payoutOf(address(attacker));
        attacker.arm(address(registry), abi.encodeCall(registry.withdrawPayout, ()));
        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(attacker), owed));
        attacker.act(address(registry), abi.encodeCall(registry.withdrawPayout, ()), 0);
        vm.assertEq(registry.payoutOf(address(attacker)), owed, "still owed");
    }
}
