// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice withdrawCredit and creditOf: answered bonds, challenge rewards and treasury shares are pulled.
contract PayoutsTest is Base {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = register(operator, 2 ether);
    }

    function _executeUnanswered() internal {
        uint256 challengeId = openChallenge(id);
        skip(WINDOW + 1);
        registry.executeChallenge(challengeId);
    }

    function test_CreditOf_IsZeroForAnyoneNeverCredited() public view {
        assertEq(registry.creditOf(stranger), 0, "nothing owed");
    }

    function test_WithdrawCredit_SendsAnAnsweredBondToThePayoutAddress() public {
        vm.prank(operator);
        registry.setPayout(id, payout);
        uint256 challengeId = openChallenge(id);
        vm.prank(operator);
        registry.answerChallenge(challengeId);
        uint256 before = payout.balance;

        vm.expectEmit(address(registry));
        emit IEngineRegistry.CreditWithdrawn(payout, BOND);
        vm.prank(payout);
        registry.withdrawCredit();

        assertEq(payout.balance, before + BOND, "bond received");
        assertEq(registry.creditOf(payout), 0, "nothing left owed");
        assertEq(address(registry).balance, 2 ether, "only the stake stays");
    }

    function test_WithdrawCredit_PaysTheChallengerAndTheTreasuryTheirShares() public {
        _executeUnanswered();
        uint256 challengerBefore = challenger.balance;
        uint256 treasuryBefore = treasury.balance;
        vm.prank(challenger);
        registry.withdrawCredit();
        vm.prank(treasury);
        registry.withdrawCredit();
        assertEq(challenger.balance, challengerBefore + 0.1 ether + BOND, "half the slash and the bond back");
        assertEq(treasury.balance, treasuryBefore + 0.1 ether, "the other half");
        assertEq(address(registry).balance, 1.8 ether, "what is left at stake");
    }

    function test_WithdrawCredit_AddsUpCreditsFromSeveralCases() public {
        _executeUnanswered();
        _executeUnanswered(); // 10 % of 1.8 ether this time
        assertEq(registry.creditOf(challenger), 0.1 ether + 0.09 ether + 2 * BOND, "two cases");
        uint256 before = challenger.balance;
        vm.prank(challenger);
        registry.withdrawCredit();
        assertEq(challenger.balance, before + 0.19 ether + 2 * BOND, "in one withdrawal");
    }

    function test_RevertWhen_NothingWasCredited() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPayout.selector, stranger));
        vm.prank(stranger);
        registry.withdrawCredit();
    }

    function test_RevertWhen_WithdrawingACreditTwice() public {
        _executeUnanswered();
        vm.prank(treasury);
        registry.withdrawCredit();
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPayout.selector, treasury));
        vm.prank(treasury);
        registry.withdrawCredit();
    }
}
