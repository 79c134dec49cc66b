// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {Errors} from "../../src/Errors.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";

// Every input is bounded before it is cast, and time is what several tests vary:
// forge-lint: disable-next-item(unsafe-typecast,block-timestamp)
/// @notice Availability challenges over bounded random inputs: who may be challenged, how many at once, and where
/// every bond and every slashed wei goes.
contract RegistryChallengesFuzzTest is Base {
    function testFuzz_Challenge_AnsweredUntilTheDeadlineExecutedAfter(uint256 wait) public {
        wait = bound(wait, 0, 3 * WINDOW);
        uint256 id = register(operator, 2 ether);
        uint256 challengeId = openChallenge(id);
        uint256 deadline = block.timestamp + WINDOW;
        skip(wait);
        if (block.timestamp <= deadline) {
            vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeWindowOpen.selector, challengeId, deadline));
            registry.executeChallenge(challengeId);
            vm.prank(operator);
            registry.answerChallenge(challengeId);
            assertEq(registry.creditOf(operator), BOND, "answered");
        } else {
            vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeWindowClosed.selector, challengeId, deadline));
            vm.prank(operator);
            registry.answerChallenge(challengeId);
            registry.executeChallenge(challengeId);
            assertEq(registry.creditOf(treasury), 0.1 ether, "executed");
        }
    }

    function testFuzz_ExecuteChallenge_SplitsTheSlashBetweenChallengerAndTreasury(uint256 stake, uint256 slashBps)
        public
    {
        stake = bound(stake, MIN_STAKE, 10_000 ether);
        vm.deal(operator, stake);
        slashBps = bound(slashBps, 1, 5_000);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.slashBps = uint16(slashBps);
        vm.prank(admin);
        registry.scheduleParameters(p);
        skip(registry.PARAMETER_DELAY());
        registry.applyParameters();
        uint256 id = register(operator, stake);
        uint256 challengeId = openChallenge(id);
        skip(WINDOW + 1);
        uint256 slashed = registry.executeChallenge(challengeId);

        assertEq(slashed, stake * slashBps / BPS, "slashBps of the stake");
        assertEq(registry.creditOf(challenger) + registry.creditOf(treasury), slashed + BOND, "all credited");
        assertEq(registry.creditOf(challenger), slashed / 2 + BOND, "half and the bond to the challenger");
        assertEq(address(registry).balance, stake + BOND, "nothing left the registry yet");
    }

    /// @dev Up to eight challenges open at once; each answered one pays its bond to the payout address, each
    /// executed one slashes what the earlier ones left, and every wei stays accounted for.
    function testFuzz_Challenges_OpenAnswerExecuteAccounting(uint256 stake, uint256 count, uint8 answered) public {
        stake = bound(stake, MIN_STAKE, 100 ether);
        count = bound(count, 1, 8);
        uint256 id = register(operator, stake);
        vm.prank(operator);
        registry.setPayout(id, payout);
        uint256[] memory challengeIds = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            challengeIds[i] = openChallenge(id);
        }
        assertEq(registry.engine(id).openChallenges, count, "all open");

        uint256 answers;
        for (uint256 i = 0; i < count; ++i) {
            if ((answered >> i) & 1 == 0) continue;
            vm.prank(operator);
            registry.answerChallenge(challengeIds[i]);
            ++answers;
        }
        assertEq(registry.engine(id).openChallenges, count - answers, "answered ones closed");

        skip(WINDOW + 1);
        uint256 left = stake;
        uint256 toChallenger;
        uint256 toTreasury;
        for (uint256 i = 0; i < count; ++i) {
            if ((answered >> i) & 1 != 0) continue;
            uint256 slashed = registry.executeChallenge(challengeIds[i]);
            assertEq(slashed, left * SLASH_BPS / BPS, "a share of what is left");
            left -= slashed;
            toChallenger += slashed / 2 + BOND;
            toTreasury += slashed - slashed / 2;
        }

        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(e.openChallenges, 0, "none open");
        assertEq(e.stake, left, "stake after");
        assertEq(e.halted, left < MIN_STAKE, "halted iff slashed below the minimum");
        assertEq(registry.creditOf(payout), answers * BOND, "answered bonds to the payout address");
        assertEq(registry.creditOf(challenger), toChallenger, "challenger");
        assertEq(registry.creditOf(treasury), toTreasury, "treasury");
        assertEq(
            address(registry).balance,
            e.stake + e.unbonding + registry.creditOf(payout) + toChallenger + toTreasury,
            "every wei accounted for"
        );
        assertEq(address(registry).balance, stake + count * BOND, "nothing left the registry");
    }

    function testFuzz_OpenChallenge_AtMostEightAtOnce(uint256 count) public {
        count = bound(count, 1, 12);
        uint256 id = register(operator, 2 ether);
        for (uint256 i = 0; i < count; ++i) {
            if (i >= 8) vm.expectRevert(abi.encodeWithSelector(Errors.TooManyOpenChallenges.selector, id, 8));
            vm.prank(challenger);
            registry.openChallenge{value: BOND}(id);
        }
        assertEq(registry.engine(id).openChallenges, count < 8 ? count : 8, "open");
    }

    /// @dev Listed or not: whatever an engine has at stake or hosts, it can be challenged for.
    function testFuzz_OpenChallenge_WheneverSomethingIsAtStake(uint256 unbond, bool withdrawn, bool hosting) public {
        unbond = bound(unbond, 0, 2 ether);
        uint256 id = register(operator, 2 ether);
        if (hosting) openLease(id, DEPOSIT);
        if (unbond > 0) {
            vm.prank(operator);
            registry.requestUnbond(id, unbond);
            if (withdrawn) {
                skip(UNBONDING);
                vm.prank(operator);
                registry.withdraw(id);
            }
        }
        EngineRegistry.EngineView memory e = registry.engine(id);
        if (e.stake + e.unbonding + e.activeLeases == 0) {
            vm.expectRevert(abi.encodeWithSelector(Errors.NothingAtStake.selector, id));
        }
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(id);
    }

    function testFuzz_RevertWhen_TheBondIsNotExact(uint256 sent) public {
        sent = bound(sent, 0, 10 * BOND);
        vm.assume(sent != BOND);
        uint256 id = register(operator, 2 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.WrongChallengeBond.selector, sent, BOND));
        vm.prank(challenger);
        registry.openChallenge{value: sent}(id);
    }
}
