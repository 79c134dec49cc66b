// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {AvailabilityChallenges} from "../../../src/registry/AvailabilityChallenges.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice openChallenge, answerChallenge, executeChallenge (branches: executeChallenge.tree) and challengeOf.
contract ChallengesTest is Base {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = register(operator, 2 ether);
    }

    /*//////////////////////////////////////////////////////////////
                             OPEN CHALLENGE
    //////////////////////////////////////////////////////////////*/

    function test_OpenChallenge_HoldsTheBondUntilTheDeadline() public {
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ChallengeOpened(id, challenger, BOND, block.timestamp + WINDOW);
        uint256 deadline = openChallenge(id);

        AvailabilityChallenges.Challenge memory c = registry.challengeOf(id);
        assertEq(c.challenger, challenger, "challenger");
        assertEq(c.deadline, deadline, "deadline");
        assertEq(c.bond, BOND, "bond");
        assertEq(address(registry).balance, 2 ether + BOND, "bond held");
    }

    function test_ChallengeOf_IsEmptyWithoutAChallenge() public view {
        AvailabilityChallenges.Challenge memory c = registry.challengeOf(id);
        assertEq(c.deadline, 0, "no deadline");
        assertEq(c.challenger, address(0), "no challenger");
    }

    function test_RevertWhen_BondIsTooSmall() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.WrongChallengeBond.selector, BOND - 1, BOND));
        vm.prank(challenger);
        registry.openChallenge{value: BOND - 1}(id);
    }

    function test_RevertWhen_BondIsTooLarge() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.WrongChallengeBond.selector, BOND + 1, BOND));
        vm.prank(challenger);
        registry.openChallenge{value: BOND + 1}(id);
    }

    function test_RevertWhen_ASecondChallengeIsOpened() public {
        uint256 deadline = openChallenge(id);
        skip(2 * WINDOW); // even once the first has expired unexecuted
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeAlreadyOpen.selector, id, deadline));
        vm.prank(stranger);
        registry.openChallenge{value: BOND}(id);
    }

    function test_RevertWhen_ChallengingAnUnlistedEngine() public {
        vm.prank(operator);
        registry.requestUnbond(id, 1.5 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, id));
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(id);
    }

    function test_RevertWhen_ChallengingAnUnknownEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 99));
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(99);
    }

    /*//////////////////////////////////////////////////////////////
                            ANSWER CHALLENGE
    //////////////////////////////////////////////////////////////*/

    function test_AnswerChallenge_ForfeitsTheBondToTheOperatorUpToTheLastSecond() public {
        uint256 deadline = openChallenge(id);
        vm.warp(deadline);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.PayoutCredited(operator, BOND);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ChallengeAnswered(id, operator, BOND);
        vm.prank(operator);
        registry.answerChallenge(id);

        assertEq(registry.payoutOf(operator), BOND, "bond credited to the operator");
        assertEq(registry.challengeOf(id).deadline, 0, "challenge closed");
        assertEq(registry.engine(id).stake, 2 ether, "no slash");
    }

    function test_AnswerChallenge_LetsANewChallengeOpen() public {
        openChallenge(id);
        vm.prank(operator);
        registry.answerChallenge(id);
        openChallenge(id);
        assertEq(registry.challengeOf(id).deadline, block.timestamp + WINDOW, "a fresh challenge");
    }

    function test_RevertWhen_AnsweringSomeoneElsesChallenge() public {
        register(otherOperator, MIN_STAKE);
        openChallenge(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, otherOperator, operator));
        vm.prank(otherOperator);
        registry.answerChallenge(id);
    }

    function test_RevertWhen_AnsweringWithoutAChallenge() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NoOpenChallenge.selector, id));
        vm.prank(operator);
        registry.answerChallenge(id);
    }

    function test_RevertWhen_AnsweringAfterTheWindow() public {
        uint256 deadline = openChallenge(id);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeWindowClosed.selector, id, deadline));
        vm.prank(operator);
        registry.answerChallenge(id);
    }

    function test_RevertWhen_AnsweringForAnUnknownEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 4));
        vm.prank(operator);
        registry.answerChallenge(4);
    }

    /*//////////////////////////////////////////////////////////////
                            EXECUTE CHALLENGE
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_ExecutingWithoutAChallenge() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NoOpenChallenge.selector, id));
        registry.executeChallenge(id);
    }

    function test_RevertWhen_ExecutingAnAnsweredChallenge() public {
        openChallenge(id);
        vm.prank(operator);
        registry.answerChallenge(id);
        skip(2 * WINDOW);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoOpenChallenge.selector, id));
        registry.executeChallenge(id);
    }

    function test_RevertWhen_ExecutingEarly() public {
        uint256 deadline = openChallenge(id);
        vm.warp(deadline); // the operator may still answer at the deadline
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeWindowOpen.selector, id, deadline));
        registry.executeChallenge(id);
    }

    function test_ExecuteChallenge_SlashesHalfToTheChallengerWithTheBondHalfToTheTreasury() public {
        vm.warp(openChallenge(id) + 1);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.PayoutCredited(challenger, 0.1 ether + BOND);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.PayoutCredited(treasury, 0.1 ether);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineSlashed(
            id, IEngineRegistry.SlashCause.UnansweredChallenge, stranger, 0.2 ether, 1.8 ether, ""
        );
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ChallengeExecuted(id, challenger, 0.2 ether);
        vm.prank(stranger);
        uint256 slashed = registry.executeChallenge(id);

        assertEq(slashed, 0.2 ether, "10 % of 2 ether");
        assertEq(registry.engine(id).stake, 1.8 ether, "stake after");
        assertEq(registry.payoutOf(challenger), 0.1 ether + BOND, "half and the bond back");
        assertEq(registry.payoutOf(treasury), 0.1 ether, "the other half");
        assertEq(registry.challengeOf(id).deadline, 0, "challenge closed");
        assertEq(address(registry).balance, 2 ether + BOND, "payouts are pulled, not pushed");
    }

    function test_ExecuteChallenge_AnOddSlashGivesTheTreasuryTheExtraWei() public {
        uint256 odd = register(otherOperator, 1 ether + 10); // 10 % of it is 0.1 ether + 1 wei
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(odd);
        skip(WINDOW + 1);
        uint256 slashed = registry.executeChallenge(odd);
        assertEq(slashed, 0.1 ether + 1, "slashed");
        assertEq(registry.payoutOf(challenger), 0.05 ether + BOND, "rounded down");
        assertEq(registry.payoutOf(treasury), 0.05 ether + 1, "the remainder");
    }

    function test_ExecuteChallenge_TakesActiveStakeFirstThenUnbondingStake() public {
        vm.warp(openChallenge(id) + 1);
        vm.prank(operator);
        registry.requestUnbond(id, 1.9 ether); // too late to escape: 0.1 ether active, 1.9 ether unbonding
        registry.executeChallenge(id); // 10 % of 2 ether = 0.2 ether
        assertEq(registry.engine(id).stake, 0, "all of the active stake");
        assertEq(registry.engine(id).unbonding, 1.8 ether, "the rest from the unbonding stake");
        assertEq(registry.payoutOf(treasury), 0.1 ether, "treasury's half");
    }

    function test_ExecuteChallenge_DelistsAnEngineSlashedBelowTheMinimum() public {
        uint256 edge = register(otherOperator, MIN_STAKE);
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(edge);
        skip(WINDOW + 1);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineDelisted(edge);
        registry.executeChallenge(edge);
        assertFalse(registry.engine(edge).listed, "delisted");
    }
}
