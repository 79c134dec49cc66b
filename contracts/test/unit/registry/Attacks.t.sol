// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @dev The storage cheatcodes at forge's cheatcode address.
interface StorageCheats {
    function load(address target, bytes32 slot) external view returns (bytes32);
    function store(address target, bytes32 slot, bytes32 value) external;
}

/// @notice The attacks on v1's registry (and on v2 as first written), each replayed to show it now fails:
/// an engine escaping its challenges by unbonding (or relisted by a stranger after it left, or out of epochs to
/// halt in), an operator locking
/// challengers out with a challenge of its own, and a stolen hot key taking the stake. (Governance attacks:
/// GovernanceTest and ArbitersTest; the keys' rules: KeysTest.)
contract RegistryAttacksTest is Base {
    /// @dev Forge's storage cheatcodes, which the shared Vm interface leaves out.
    StorageCheats internal constant STORAGE = StorageCheats(address(vm));

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

    /// @dev An operator that unbonded below the minimum has left the market. Before addStake was limited to the
    /// engine's keys, anyone could stake the missing wei and relist it, so that picos would lease (and pay) an
    /// engine nobody answers for, earning for an operator that is gone.
    function test_RevertWhen_AStrangerPutsAnEngineThatLeftBackOnTheMarket() public {
        _unbond(2 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, stranger));
        vm.prank(stranger);
        registry.addStake{value: MIN_STAKE}(id);
        assertTrue(registry.engine(id).halted, "still halted");
        assertFalse(registry.engine(id).listed, "still unlisted");
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, id));
        vm.prank(pico);
        escrow.openLease{value: DEPOSIT}(id, ANY_PRICE);
    }

    /// @dev Writes the engine's epoch: the uint24 at bit 168 of slot 1 of `_engines[engineId]` (mapping at slot
    /// 11). Halting and resuming spends one epoch a cycle (unbond 1 wei, stake it back: some 43k gas); the cycles are
    /// skipped here, and the callers check the write through `engine()`.
    function _setEpoch(uint256 engineId, uint256 epoch) internal {
        bytes32 slot = bytes32(uint256(keccak256(abi.encode(engineId, uint256(11)))) + 1);
        uint256 word = uint256(STORAGE.load(address(registry), slot));
        word = (word & ~(uint256(type(uint24).max) << 168)) | (epoch << 168);
        STORAGE.store(address(registry), slot, bytes32(word));
    }

    /// @dev v2 first kept the epoch in 16 bits: an operator that halted and resumed its engine 65,535 times (some
    /// 2.8 billion gas, cheap on an L2) made every further halt revert, so that no slash could take its stake below
    /// the minimum. With 24 bits the engine at epoch 65,535 halts, is slashed, resumes and halts again, and its
    /// leases carry the larger epochs.
    function test_AnEngineAtEpoch65535StillHaltsAndIsSlashed() public {
        uint256 edge = register(otherOperator, MIN_STAKE);
        _setEpoch(edge, type(uint16).max);
        assertEq(registry.engine(edge).epoch, type(uint16).max, "v2's first last epoch");
        assertEq(registry.engine(edge).stake, MIN_STAKE, "nothing else touched");
        uint256 stopped = openLease(edge, DEPOSIT);
        skip(1 hours);

        uint256 challengeId = openChallenge(edge);
        skip(WINDOW + 1);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineHalted(edge, type(uint16).max, block.timestamp);
        assertEq(registry.executeChallenge(challengeId), MIN_STAKE / 10, "the unanswered challenge slashes");
        assertEq(registry.engine(edge).epoch, uint256(type(uint16).max) + 1, "past 16 bits");
        assertTrue(registry.engine(edge).halted, "halted");
        assertEq(registry.engine(edge).openChallenges, 0, "the challenge closed, its bond freed");

        vm.prank(otherOperator);
        registry.addStake{value: MIN_STAKE / 10}(edge); // resumes in epoch 65,536
        address pico2 = actor("pico2");
        vm.prank(pico2);
        uint256 fresh = escrow.openLease{value: DEPOSIT}(edge, ANY_PRICE);
        assertEq(escrow.lease(fresh).epoch, uint256(type(uint16).max) + 1, "a lease stores the 24-bit epoch");
        skip(1 hours);
        vm.prank(arbiter);
        registry.arbiterSlash(edge, keccak256("case"), 1, REASON_CID); // one basis point: below the minimum again
        assertEq(registry.engine(edge).epoch, uint256(type(uint16).max) + 2, "halted once more");
        skip(1 hours);
        assertEq(escrow.lease(stopped).accrued, PRICE * (1 hours + WINDOW + 1) / 1 hours, "stopped at the first halt");
        assertEq(escrow.lease(fresh).accrued, PRICE, "the new epoch's lease stopped at the second");
    }

    /// @dev The bound that remains: the epoch runs out after 2^24 - 1 halts (some 720 billion gas of cycles), where
    /// a halt, and so a slash below the minimum, reverts again.
    function test_TheEpochRunsOutOnlyAtTwoToTheTwentyFourMinusOne() public {
        uint256 edge = register(otherOperator, MIN_STAKE);
        _setEpoch(edge, type(uint24).max);
        assertEq(registry.engine(edge).epoch, type(uint24).max, "the last epoch");
        assertEq(escrow.lease(openLease(edge, DEPOSIT)).epoch, type(uint24).max, "a lease holds it too");
        uint256 challengeId = openChallenge(edge);
        skip(WINDOW + 1);
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 24, uint256(type(uint24).max) + 1)
        );
        registry.executeChallenge(challengeId);
        assertEq(registry.engine(edge).stake, MIN_STAKE, "not slashed");
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
