// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice Accrual by the second, capped at the deposit, and claim (branches: claim.tree). Who is paid and who may
/// claim, as attacks, are in Attacks.t.sol; claims across a halt in Halt.t.sol.
contract ClaimTest is EscrowBase {
    uint256 internal engineA; // operator's, at PRICE, agent and payout named
    uint256 internal engineA2; // operator's too, at 2 * PRICE, neither named
    address internal pico2;
    address internal pico3;

    function setUp() public override {
        super.setUp();
        engineA = register(operator, MIN_STAKE, advertWith(PRICE, 5));
        engineA2 = register(operator, MIN_STAKE, advertWith(2 * PRICE, 5));
        vm.startPrank(operator);
        registry.setAgent(engineA, agent);
        registry.setPayout(engineA, payout);
        vm.stopPrank();
        pico2 = newPico("pico2");
        pico3 = newPico("pico3");
    }

    /*//////////////////////////////////////////////////////////////
                                ACCRUAL
    //////////////////////////////////////////////////////////////*/

    function test_Accrual_IsThePricePerHourBySecond() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(1);
        assertEq(view_(leaseId).accrued, PRICE / 3600, "one second");
        skip(30 minutes - 1);
        assertEq(view_(leaseId).accrued, PRICE / 2, "half an hour");
        skip(30 minutes);
        assertEq(view_(leaseId).accrued, PRICE, "an hour");
        assertEq(view_(leaseId).claimable, PRICE, "all of it claimable");
    }

    function test_Accrual_RoundsDownToTheWei() public {
        uint256 odd = register(otherOperator, MIN_STAKE, advertWith(7, 1)); // 7 wei an hour
        uint256 leaseId = openLease(odd, DEPOSIT);
        skip(1 hours - 1);
        assertEq(view_(leaseId).accrued, 6, "7 * 3599 / 3600");
    }

    function test_Accrual_IsCappedAtTheDeposit() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(10 hours);
        assertEq(view_(leaseId).accrued, DEPOSIT, "exactly used up");
        skip(100 hours);
        assertEq(view_(leaseId).accrued, DEPOSIT, "never beyond the deposit");
    }

    /*//////////////////////////////////////////////////////////////
                                 CLAIM
    //////////////////////////////////////////////////////////////*/

    function test_Claim_PaysWhatAccruedSinceTheLastClaim() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(2 hours);
        uint256 before = payout.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClaimed(leaseId, engineA, 2 * PRICE, 2 * PRICE);
        assertEq(claim(agent, engineA, ids(leaseId)), 2 * PRICE, "two hours");
        skip(3 hours);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClaimed(leaseId, engineA, 3 * PRICE, 5 * PRICE);
        assertEq(claim(agent, engineA, ids(leaseId)), 3 * PRICE, "three more hours");

        assertEq(payout.balance, before + 5 * PRICE, "paid to the payout address");
        LeaseEscrow.LeaseView memory l = view_(leaseId);
        assertEq(l.paid, 5 * PRICE, "paid so far");
        assertEq(l.claimable, 0, "nothing left to claim");
        assertEq(address(escrow).balance, DEPOSIT - 5 * PRICE, "the rest stays escrowed");
    }

    function test_Claim_WithoutAPayoutAddressPaysTheOperator() public {
        uint256 leaseId = openLease(engineA2, DEPOSIT);
        skip(1 hours);
        uint256 before = operator.balance;
        assertEq(claim(operator, engineA2, ids(leaseId)), 2 * PRICE, "an hour at its price");
        assertEq(operator.balance, before + 2 * PRICE, "the operator is its own payout address");
    }

    function test_Claim_NothingAccruedPaysNothing() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        uint256 before = payout.balance;
        assertEq(claim(agent, engineA, ids(leaseId)), 0, "nothing yet");
        assertEq(claim(agent, engineA, new uint256[](0)), 0, "an empty batch");
        assertEq(payout.balance, before, "nothing sent");
    }

    function test_Claim_ABatchOverSeveralLeasesOfOneEngine() public {
        uint256 first = openLease(engineA, DEPOSIT);
        skip(1 hours);
        uint256 second = openLeaseAs(pico2, engineA, DEPOSIT);
        skip(2 hours);
        uint256 before = payout.balance;
        assertEq(claim(agent, engineA, ids(first, second)), 3 * PRICE + 2 * PRICE, "three hours and two hours");
        assertEq(payout.balance, before + 5 * PRICE, "in one transfer");
    }

    function test_Claim_EachEngineOfAnOperatorIsClaimedOnItsOwn() public {
        uint256 onA = openLease(engineA, DEPOSIT);
        uint256 onA2 = openLeaseAs(pico2, engineA2, DEPOSIT);
        skip(1 hours);
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotOnEngine.selector, onA2, engineA));
        claim(operator, engineA, ids(onA, onA2)); // even the same operator's: one engine per claim
        assertEq(claim(operator, engineA, ids(onA)), PRICE, "engine A at its price");
        assertEq(claim(operator, engineA2, ids(onA2)), 2 * PRICE, "engine A2 at its own");
    }

    function test_Claim_TheSameLeaseTwiceInABatchPaysOnce() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(1 hours);
        assertEq(claim(agent, engineA, ids(leaseId, leaseId)), PRICE, "once");
    }

    function test_Claim_AnExhaustedLeasePaysItsWholeDepositOnce() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(1_000 hours);
        assertEq(claim(agent, engineA, ids(leaseId)), DEPOSIT, "the deposit, no more");
        skip(1_000 hours);
        assertEq(claim(agent, engineA, ids(leaseId)), 0, "nothing more");
        assertEq(address(escrow).balance, 0, "escrow emptied");
    }

    function test_Claim_EndedLeasesPayWhatAccruedUntilTheyEnded() public {
        uint256 closed = openLease(engineA, DEPOSIT);
        uint256 moved = openLeaseAs(pico2, engineA, DEPOSIT);
        uint256 engineB = register(otherOperator, MIN_STAKE, advertWith(PRICE, 1));
        skip(1 hours);
        closeLease();
        vm.prank(pico2);
        escrow.moveLease(engineB, ANY_PRICE);
        skip(6 minutes);
        acceptMove(otherOperator, moved);
        skip(5 hours);
        uint256 untilMove = accrual(PRICE, 1 hours + 6 minutes, DEPOSIT);
        assertEq(claim(agent, engineA, ids(closed, moved)), PRICE + untilMove, "an hour, and until the acceptance");
    }

    function test_Claim_AfterAnAgentChangeOnlyTheNewAgentClaims() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(1 hours);
        vm.prank(operator);
        registry.setAgent(engineA, stranger);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, engineA, agent));
        claim(agent, engineA, ids(leaseId));
        assertEq(claim(stranger, engineA, ids(leaseId)), PRICE, "the new agent claims, to the payout");
    }

    function test_RevertWhen_ClaimedByThePicoOrAnotherOperator() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, engineA, pico));
        claim(pico, engineA, ids(leaseId));
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, engineA, otherOperator));
        claim(otherOperator, engineA, ids(leaseId));
    }

    function test_RevertWhen_ClaimingAnUnknownLease() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 99));
        claim(agent, engineA, ids(leaseId, 99));
    }

    function test_RevertWhen_ClaimingForAnUnknownEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 9));
        claim(agent, 9, new uint256[](0));
    }
}
