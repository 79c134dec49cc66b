// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {AvailabilityChallenges} from "../../../src/registry/AvailabilityChallenges.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice openChallenge, answerChallenge, executeChallenge and the challenge views (branches:
/// openChallenge.tree, answerChallenge.tree, executeChallenge.tree).
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
        emit IEngineRegistry.ChallengeOpened(1, id, challenger, BOND, block.timestamp + WINDOW);
        uint256 challengeId = openChallenge(id);

        AvailabilityChallenges.Challenge memory c = registry.challenge(challengeId);
        assertEq(challengeId, 1, "ids count from 1");
        assertEq(c.challenger, challenger, "challenger");
        assertEq(c.engineId, id, "engine");
        assertEq(c.deadline, block.timestamp + WINDOW, "deadline");
        assertEq(c.bond, BOND, "bond");
        assertEq(registry.engine(id).openChallenges, 1, "counted against the engine");
        assertEq(registry.challengeCount(), 1, "challengeCount");
        assertEq(address(registry).balance, 2 ether + BOND, "bond held");
    }

    function test_OpenChallenge_SeveralAtOnceEachWithItsOwnDeadline() public {
        uint256 first = openChallenge(id);
        skip(10 minutes);
        vm.prank(stranger);
        uint256 second = registry.openChallenge{value: BOND}(id);
        assertEq(second, first + 1, "a new id");
        assertEq(registry.challenge(second).deadline, registry.challenge(first).deadline + 10 minutes, "own deadline");
        assertEq(registry.challenge(second).challenger, stranger, "own challenger");
        assertEq(registry.engine(id).openChallenges, 2, "both open");
    }

    function test_Challenge_IsEmptyWhenNeverOpened() public view {
        AvailabilityChallenges.Challenge memory c = registry.challenge(1);
        assertEq(c.deadline, 0, "no deadline");
        assertEq(c.challenger, address(0), "no challenger");
        assertEq(registry.challengeCount(), 0, "none opened");
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

    function test_RevertWhen_ChallengingAnEngineWithNothingAtStake() public {
        vm.prank(operator);
        registry.requestUnbond(id, 2 ether);
        skip(UNBONDING);
        vm.prank(operator);
        registry.withdraw(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.NothingAtStake.selector, id));
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

    function test_AnswerChallenge_CreditsTheBondToThePayoutAddressUpToTheLastSecond() public {
        vm.prank(operator);
        registry.setPayout(id, payout);
        uint256 challengeId = openChallenge(id);
        vm.warp(registry.challenge(challengeId).deadline);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.Credited(payout, BOND);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ChallengeAnswered(challengeId, id, operator, BOND);
        vm.prank(operator);
        registry.answerChallenge(challengeId);

        assertEq(registry.creditOf(payout), BOND, "bond credited to the payout address");
        assertEq(registry.creditOf(operator), 0, "not to the operator");
        assertEq(registry.challenge(challengeId).deadline, 0, "challenge closed");
        assertEq(registry.engine(id).openChallenges, 0, "no longer counted");
        assertEq(registry.engine(id).stake, 2 ether, "no slash");
    }

    function test_AnswerChallenge_ByTheAgent() public {
        vm.prank(operator);
        registry.setAgent(id, agent);
        uint256 challengeId = openChallenge(id);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ChallengeAnswered(challengeId, id, agent, BOND);
        vm.prank(agent);
        registry.answerChallenge(challengeId);
        assertEq(registry.creditOf(operator), BOND, "unset payout reads as the operator");
    }

    function test_AnswerChallenge_LeavesTheOtherChallengesOpen() public {
        uint256 first = openChallenge(id);
        uint256 second = openChallenge(id);
        vm.prank(operator);
        registry.answerChallenge(first);
        assertEq(registry.challenge(second).challenger, challenger, "the other one still stands");
        assertEq(registry.engine(id).openChallenges, 1, "one open");
    }

    function test_RevertWhen_AnsweringSomeoneElsesChallenge() public {
        register(otherOperator, MIN_STAKE);
        uint256 challengeId = openChallenge(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, otherOperator));
        vm.prank(otherOperator);
        registry.answerChallenge(challengeId);
    }

    function test_RevertWhen_AnsweringWithoutAChallenge() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NoOpenChallenge.selector, 4));
        vm.prank(operator);
        registry.answerChallenge(4);
    }

    function test_RevertWhen_AnsweringTwice() public {
        uint256 challengeId = openChallenge(id);
        vm.prank(operator);
        registry.answerChallenge(challengeId);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoOpenChallenge.selector, challengeId));
        vm.prank(operator);
        registry.answerChallenge(challengeId);
    }

    function test_RevertWhen_AnsweringAfterTheWindow() public {
        uint256 challengeId = openChallenge(id);
        uint256 deadline = block.timestamp + WINDOW;
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeWindowClosed.selector, challengeId, deadline));
        vm.prank(operator);
        registry.answerChallenge(challengeId);
    }

    /*//////////////////////////////////////////////////////////////
                            EXECUTE CHALLENGE
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_ExecutingWithoutAChallenge() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NoOpenChallenge.selector, 1));
        registry.executeChallenge(1);
    }

    function test_RevertWhen_ExecutingAnAnsweredChallenge() public {
        uint256 challengeId = openChallenge(id);
        vm.prank(operator);
        registry.answerChallenge(challengeId);
        skip(2 * WINDOW);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoOpenChallenge.selector, challengeId));
        registry.executeChallenge(challengeId);
    }

    function test_RevertWhen_ExecutingTwice() public {
        uint256 challengeId = openChallenge(id);
        skip(WINDOW + 1);
        registry.executeChallenge(challengeId);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoOpenChallenge.selector, challengeId));
        registry.executeChallenge(challengeId);
    }

    function test_RevertWhen_ExecutingEarly() public {
        uint256 challengeId = openChallenge(id);
        uint256 deadline = block.timestamp + WINDOW;
        vm.warp(deadline); // the agent may still answer at the deadline
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeWindowOpen.selector, challengeId, deadline));
        registry.executeChallenge(challengeId);
    }

    function test_ExecuteChallenge_SlashesHalfToTheChallengerWithTheBondHalfToTheTreasury() public {
        uint256 challengeId = openChallenge(id);
        skip(WINDOW + 1);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.Credited(challenger, 0.1 ether + BOND);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.Credited(treasury, 0.1 ether);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineSlashed(
            id, IEngineRegistry.SlashCause.UnansweredChallenge, stranger, 0.2 ether, 1.8 ether, 0, bytes32(0), ""
        );
        vm.expectEmit(address(registry));
        emit IEngineRegistry.ChallengeExecuted(challengeId, id, challenger, 0.2 ether);
        vm.prank(stranger);
        uint256 slashed = registry.executeChallenge(challengeId);

        assertEq(slashed, 0.2 ether, "10 % of 2 ether");
        assertEq(registry.engine(id).stake, 1.8 ether, "stake after");
        assertEq(registry.engine(id).openChallenges, 0, "no longer counted");
        assertEq(registry.creditOf(challenger), 0.1 ether + BOND, "half and the bond back");
        assertEq(registry.creditOf(treasury), 0.1 ether, "the other half");
        assertEq(registry.challenge(challengeId).deadline, 0, "challenge closed");
        assertEq(address(registry).balance, 2 ether + BOND, "credits are pulled, not pushed");
    }

    function test_ExecuteChallenge_AnOddSlashGivesTheTreasuryTheExtraWei() public {
        uint256 odd = register(otherOperator, 1 ether + 10); // 10 % of it is 0.1 ether + 1 wei
        uint256 challengeId = openChallenge(odd);
        skip(WINDOW + 1);
        uint256 slashed = registry.executeChallenge(challengeId);
        assertEq(slashed, 0.1 ether + 1, "slashed");
        assertEq(registry.creditOf(challenger), 0.05 ether + BOND, "rounded down");
        assertEq(registry.creditOf(treasury), 0.05 ether + 1, "the remainder");
    }

    function test_ExecuteChallenge_TakesActiveStakeFirstThenUnbondingStake() public {
        uint256 challengeId = openChallenge(id);
        skip(WINDOW + 1);
        vm.prank(operator);
        registry.requestUnbond(id, 1.9 ether); // too late to escape: 0.1 ether active, 1.9 ether unbonding
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineSlashed(
            id, IEngineRegistry.SlashCause.UnansweredChallenge, address(this), 0.2 ether, 0, 1.8 ether, bytes32(0), ""
        );
        registry.executeChallenge(challengeId); // 10 % of 2 ether = 0.2 ether
        assertEq(registry.engine(id).stake, 0, "all of the active stake");
        assertEq(registry.engine(id).unbonding, 1.8 ether, "the rest from the unbonding stake");
        assertEq(registry.creditOf(treasury), 0.1 ether, "treasury's half");
    }

    function test_ExecuteChallenge_HaltsAnEngineSlashedBelowTheMinimum() public {
        uint256 edge = register(otherOperator, MIN_STAKE);
        uint256 challengeId = openChallenge(edge);
        skip(WINDOW + 1);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineHalted(edge, 0, block.timestamp);
        registry.executeChallenge(challengeId);
        assertTrue(registry.engine(edge).halted, "halted");
        assertFalse(registry.engine(edge).listed, "unlisted");
        assertEq(registry.accrualEnd(edge, 0), block.timestamp, "its leases stop accruing at the slash");
    }

    function test_ExecuteChallenge_AboveTheMinimumDoesNotHalt() public {
        uint256 challengeId = openChallenge(id);
        skip(WINDOW + 1);
        registry.executeChallenge(challengeId); // 1.8 ether left
        assertFalse(registry.engine(id).halted, "not halted");
        assertTrue(registry.engine(id).listed, "still listed");
        assertEq(registry.engine(id).epoch, 0, "same epoch");
    }
}
