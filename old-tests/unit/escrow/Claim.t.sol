// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice Accrual by the second, capped at the deposit, and claim (branches: claim.tree).
contract ClaimTest is Base {
    uint256 internal engineA; // operator's, at PRICE
    uint256 internal engineA2; // operator's too, at 2 * PRICE
    uint256 internal engineB; // otherOperator's

    function setUp() public override {
        super.setUp();
        engineA = register(operator, MIN_STAKE, advertWith(PRICE, 5));
        engineA2 = register(operator, MIN_STAKE, advertWith(2 * PRICE, 5));
        engineB = register(otherOperator, MIN_STAKE, advertWith(PRICE, 5));
    }

    /*//////////////////////////////////////////////////////////////
                                ACCRUAL
    //////////////////////////////////////////////////////////////*/

    function test_Accrual_IsThePricePerHourBySecond() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(1);
        assertEq(escrow.lease(leaseId).accrued, PRICE / 3600, "one second");
        skip(30 minutes - 1);
        assertEq(escrow.lease(leaseId).accrued, PRICE / 2, "half an hour");
        skip(30 minutes);
        assertEq(escrow.lease(leaseId).accrued, PRICE, "an hour");
        assertEq(escrow.lease(leaseId).claimable, PRICE, "all of it claimable");
    }

    function test_Accrual_RoundsDownToTheWei() public {
        uint256 odd = register(otherOperator, MIN_STAKE, advertWith(7, 1)); // 7 wei an hour
        uint256 leaseId = openLease(odd, DEPOSIT);
        skip(1 hours - 1);
        assertEq(escrow.lease(leaseId).accrued, 6, "7 * 3599 / 3600");
    }

    function test_Accrual_IsCappedAtTheDeposit() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(10 hours);
        assertEq(escrow.lease(leaseId).accrued, DEPOSIT, "exactly used up");
        skip(100 hours);
        assertEq(escrow.lease(leaseId).accrued, DEPOSIT, "never beyond the deposit");
    }

    /*//////////////////////////////////////////////////////////////
                                 CLAIM
    //////////////////////////////////////////////////////////////*/

    function test_Claim_PaysWhatAccruedSinceTheLastClaim() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(2 hours);
        uint256 before = operator.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClaimed(leaseId, engineA, 2 * PRICE, 2 * PRICE);
        assertEq(claim(operator, ids(leaseId)), 2 * PRICE, "two hours");
        skip(3 hours);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClaimed(leaseId, engineA, 3 * PRICE, 5 * PRICE);
        assertEq(claim(operator, ids(leaseId)), 3 * PRICE, "three more hours");

        assertEq(operator.balance, before + 5 * PRICE, "paid");
        LeaseEscrow.LeaseView memory l = escrow.lease(leaseId);
        assertEq(l.paid, 5 * PRICE, "paid so far");
        assertEq(l.claimable, 0, "nothing left to claim");
        assertEq(address(escrow).balance, DEPOSIT - 5 * PRICE, "the rest stays escrowed");
    }

    function test_Claim_NothingAccruedPaysNothing() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        uint256 before = operator.balance;
        assertEq(claim(operator, ids(leaseId)), 0, "nothing yet");
        assertEq(operator.balance, before, "nothing sent");
        assertEq(claim(operator, new uint256[](0)), 0, "an empty batch");
    }

    function test_Claim_ABatchOverSeveralLeasesOfOneEngine() public {
        uint256 first = openLease(engineA, DEPOSIT);
        skip(1 hours);
        uint256 second = openLease(engineA, DEPOSIT);
        skip(2 hours);
        uint256 before = operator.balance;
        assertEq(claim(operator, ids(first, second)), 3 * PRICE + 2 * PRICE, "three hours and two hours");
        assertEq(operator.balance, before + 5 * PRICE, "in one transfer");
    }

    function test_Claim_ABatchOverSeveralEnginesOfOneOperator() public {
        uint256 onA = openLease(engineA, DEPOSIT);
        uint256 onA2 = openLease(engineA2, DEPOSIT);
        uint256 onAAgain = openLease(engineA, DEPOSIT);
        skip(1 hours);
        assertEq(claim(operator, ids(onA, onA2, onAAgain)), PRICE + 2 * PRICE + PRICE, "each at its own price");
    }

    function test_Claim_TheSameLeaseTwiceInABatchPaysOnce() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(1 hours);
        assertEq(claim(operator, ids(leaseId, leaseId)), PRICE, "once");
    }

    function test_Claim_AnExhaustedLeasePaysItsWholeDepositOnce() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(1_000 hours);
        assertEq(claim(operator, ids(leaseId)), DEPOSIT, "the deposit, no more");
        skip(1_000 hours);
        assertEq(claim(operator, ids(leaseId)), 0, "nothing more");
        assertEq(address(escrow).balance, 0, "escrow emptied");
    }

    function test_Claim_StillWorksAfterTheEngineIsDelisted() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(1 hours);
        vm.prank(operator);
        registry.requestUnbond(engineA, MIN_STAKE);
        assertEq(claim(operator, ids(leaseId)), PRICE, "hosting done is paid");
    }

    function test_RevertWhen_ClaimedByANonOperator() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotLeaseOperator.selector, leaseId, payer, operator));
        claim(payer, ids(leaseId));
        vm.expectRevert(abi.encodeWithSelector(Errors.NotLeaseOperator.selector, leaseId, otherOperator, operator));
        claim(otherOperator, ids(leaseId));
    }

    function test_RevertWhen_ABatchSpansAnotherOperatorsEngine() public {
        uint256 mine = openLease(engineA, DEPOSIT);
        uint256 theirs = openLease(engineB, DEPOSIT);
        skip(1 hours);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotLeaseOperator.selector, theirs, operator, otherOperator));
        claim(operator, ids(mine, theirs));
        assertEq(escrow.lease(mine).paid, 0, "the whole batch reverted");
    }

    function test_RevertWhen_ClaimingAnUnknownLease() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 99));
        claim(operator, ids(leaseId, 99));
    }
}
