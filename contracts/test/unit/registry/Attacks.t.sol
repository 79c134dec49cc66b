// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice The attacks on v1's registry, each replayed against v2 to show it now fails: an engine escaping its
/// challenges by unbonding, an operator locking challengers out with a challenge of its own, and a stolen hot key
/// taking the stake. (Governance attacks: GovernanceTest and ArbitersTest; the keys' rules: KeysTest.)
contract RegistryAttacksTest is Base {
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

    function _challengeAs(address who) internal returns (uint256) {
        vm.prank(who);
        return registry.openChallenge{value: BOND}(id);
    }

    function _answer(uint256 challengeId) internal {
        vm.prank(operator);
        registry.answerChallenge(challengeId);
    }

    /*//////////////////////////////////////////////////////////////
                  ESCAPING CHALLENGES BY UNBONDING
    //////////////////////////////////////////////////////////////*/

    /// @dev v1 refused challenges against unlisted engines: unbonding below the minimum made an engine
    /// unchallengeable for its whole unbonding period.
    function test_AnEngineThatUnbondedBelowTheMinimumCanStillBeChallenged() public {
        _unbond(1.5 ether);
        assertTrue(registry.engine(id).halted, "halted");
        assertFalse(registry.engine(id).listed, "unlisted");
        uint256 challengeId = openChallenge(id);
        assertEq(registry.challenge(challengeId).engineId, id, "challenged anyway");
        assertEq(registry.engine(id).openChallenges, 1, "open");
    }

    function test_RevertWhen_AnUnbondedEngineWithdrawsDuringAChallenge() public {
        uint256 unlockAt = _unbond(2 ether);
        vm.warp(unlockAt - 1);
        openChallenge(id); // at the last moment
        vm.warp(unlockAt);
        vm.expectRevert(abi.encodeWithSelector(Errors.ChallengePending.selector, id));
        vm.prank(operator);
        registry.withdraw(id);
        assertEq(registry.engine(id).unbonding, 2 ether, "the stake stays");
    }

    function test_AnUnbondedEngineThatDoesNotAnswerIsSlashed() public {
        uint256 unlockAt = _unbond(2 ether);
        vm.warp(unlockAt - 1);
        uint256 challengeId = openChallenge(id);
        skip(WINDOW + 1);
        uint256 slashed = registry.executeChallenge(challengeId);
        assertEq(slashed, 0.2 ether, "10 % of what was unbonding");
        assertEq(registry.creditOf(challenger), 0.1 ether + BOND, "the challenger is paid");

        uint256 before = operator.balance;
        vm.prank(operator);
        registry.withdraw(id);
        assertEq(operator.balance, before + 1.8 ether, "only what the slash left");
    }

    /// @dev An engine that withdrew everything but still hosts picos owes them availability: a challenge is
    /// how a pico records that the engine went dark (nothing is left to slash, so the bond simply comes back).
    function test_AnEngineWithNoStakeButActiveLeasesCanBeChallenged() public {
        openLease(id, DEPOSIT);
        vm.warp(_unbond(2 ether));
        vm.prank(operator);
        registry.withdraw(id);
        assertEq(registry.engine(id).stake + registry.engine(id).unbonding, 0, "nothing at stake");
        assertEq(registry.engine(id).activeLeases, 1, "still hosting");

        uint256 challengeId = openChallenge(id);
        skip(WINDOW + 1);
        assertEq(registry.executeChallenge(challengeId), 0, "nothing to take");
        assertEq(registry.creditOf(challenger), BOND, "the bond comes back");
    }

    /*//////////////////////////////////////////////////////////////
             AN OPERATOR LOCKING CHALLENGERS OUT
    //////////////////////////////////////////////////////////////*/

    /// @dev v1 allowed one open challenge per engine: an operator challenging itself from a second account,
    /// answering just before each deadline, kept honest challengers out for free.
    function test_TheOperatorsOwnChallengeDoesNotLockOutAnHonestOne() public {
        uint256 sham = _challengeAs(otherOperator); // the operator's second account
        uint256 honest = openChallenge(id);
        _answer(sham); // the operator answers only its own

        skip(WINDOW + 1);
        uint256 slashed = registry.executeChallenge(honest);
        assertEq(slashed, 0.2 ether, "the honest challenge slashes");
        assertEq(registry.engine(id).stake, 1.8 ether, "stake after");
        assertEq(registry.creditOf(challenger), 0.1 ether + BOND, "the honest challenger is paid");
    }

    function test_RevertWhen_ANinthChallengeIsOpened() public {
        for (uint256 i = 0; i < 8; ++i) {
            _challengeAs(otherOperator);
        }
        assertEq(registry.engine(id).openChallenges, registry.MAX_OPEN_CHALLENGES(), "every slot taken");
        vm.expectRevert(abi.encodeWithSelector(Errors.TooManyOpenChallenges.selector, id, 8));
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(id);
    }

    function test_AnsweringAChallengeFreesASlot() public {
        uint256 first = _challengeAs(otherOperator);
        for (uint256 i = 1; i < 8; ++i) {
            _challengeAs(otherOperator);
        }
        _answer(first);
        uint256 honest = openChallenge(id);
        assertEq(registry.challenge(honest).challenger, challenger, "the freed slot is the honest challenger's");
        assertEq(registry.engine(id).openChallenges, 8, "full again");
    }

    function test_ExecutingAChallengeFreesASlot() public {
        uint256 first = _challengeAs(otherOperator);
        for (uint256 i = 1; i < 8; ++i) {
            _challengeAs(otherOperator);
        }
        skip(WINDOW + 1);
        registry.executeChallenge(first);
        openChallenge(id);
        assertEq(registry.engine(id).openChallenges, 8, "full again");
    }

    /// @dev Holding every slot means answering every one of them in time: the engine keeps proving itself alive,
    /// and any it misses slashes it like anyone else's challenge would.
    function test_HoldingEverySlotSlashesTheOperatorForEachOneMissed() public {
        uint256[] memory shams = new uint256[](8);
        for (uint256 i = 0; i < 8; ++i) {
            shams[i] = _challengeAs(otherOperator);
        }
        skip(WINDOW + 1);
        registry.executeChallenge(shams[0]);
        assertEq(registry.engine(id).stake, 1.8 ether, "slashed by its own challenge");
        assertEq(registry.creditOf(treasury), 0.1 ether, "half of it lost to the treasury");
    }

    /*//////////////////////////////////////////////////////////////
                     ONE KEY FOR EVERYTHING
    //////////////////////////////////////////////////////////////*/

    /// @dev v1's operator key answered challenges from an online server and also held the stake: stealing the
    /// server's key stole the stake. The agent key now runs the server and nothing else.
    function test_RevertWhen_AStolenAgentKeyReachesForTheStake() public {
        vm.prank(operator);
        registry.setAgent(id, agent);
        vm.warp(_unbond(1 ether));

        vm.startPrank(agent);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, agent, operator));
        registry.withdraw(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, agent, operator));
        registry.requestUnbond(id, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, agent, operator));
        registry.setPayout(id, agent);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, agent, operator));
        registry.transferOperator(id, agent);
        vm.stopPrank();

        assertEq(registry.engine(id).unbonding, 1 ether, "the stake stays");
        assertEq(registry.engine(id).payout, operator, "earnings still go where the operator said");
    }

    function test_AStolenAgentKeyIsRotatedOutByTheOperator() public {
        vm.prank(operator);
        registry.setAgent(id, agent);
        uint256 challengeId = openChallenge(id);
        vm.prank(operator);
        registry.setAgent(id, stranger); // the new hot key

        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, agent));
        vm.prank(agent);
        registry.answerChallenge(challengeId);
        vm.prank(stranger);
        registry.answerChallenge(challengeId);
        assertEq(registry.creditOf(operator), BOND, "the bond reaches the payout address, not the answering key");
    }
}
