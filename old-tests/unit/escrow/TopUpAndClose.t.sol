// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice topUp and close: the payer's side of a lease.
contract TopUpAndCloseTest is Base {
    uint256 internal engineId;
    uint256 internal leaseId;

    function setUp() public override {
        super.setUp();
        engineId = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        leaseId = openLease(engineId, DEPOSIT);
    }

    function _close() internal returns (uint256) {
        vm.prank(payer);
        return escrow.close(leaseId);
    }

    /*//////////////////////////////////////////////////////////////
                                 TOP UP
    //////////////////////////////////////////////////////////////*/

    function test_TopUp_AddsToTheDeposit() public {
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseToppedUp(leaseId, 0.02 ether, 0.03 ether);
        vm.prank(payer);
        escrow.topUp{value: 0.02 ether}(leaseId);
        assertEq(escrow.lease(leaseId).deposit, 0.03 ether, "deposit");
        assertEq(address(escrow).balance, 0.03 ether, "held");
        skip(30 hours);
        assertEq(escrow.lease(leaseId).accrued, 0.03 ether, "accrues up to the new deposit");
    }

    function test_TopUp_ADryLeasePaysForTheTimeItWasDry() public {
        skip(20 hours); // dry after 10 hours, but the engine kept hosting
        vm.prank(payer);
        escrow.topUp{value: DEPOSIT}(leaseId);
        assertEq(escrow.lease(leaseId).accrued, 2 * DEPOSIT, "twenty hours accrued at once");
    }

    function test_TopUp_UpTo80Bits() public {
        vm.deal(payer, MAX_DEPOSIT);
        vm.prank(payer);
        escrow.topUp{value: MAX_DEPOSIT - DEPOSIT}(leaseId);
        assertEq(escrow.lease(leaseId).deposit, MAX_DEPOSIT, "largest deposit");
    }

    function test_RevertWhen_TopUpOfZero() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 0, MAX_DEPOSIT));
        vm.prank(payer);
        escrow.topUp(leaseId);
    }

    function test_RevertWhen_TopUpOverflows80Bits() public {
        uint256 amount = MAX_DEPOSIT - DEPOSIT + 1;
        vm.deal(payer, amount);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, amount, MAX_DEPOSIT));
        vm.prank(payer);
        escrow.topUp{value: amount}(leaseId);
    }

    function test_RevertWhen_TopUpByANonPayer() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPayer.selector, leaseId, stranger, payer));
        vm.prank(stranger);
        escrow.topUp{value: 1}(leaseId);
    }

    function test_RevertWhen_TopUpOfAClosedLease() public {
        _close();
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotActive.selector, leaseId));
        vm.prank(payer);
        escrow.topUp{value: 1}(leaseId);
    }

    function test_RevertWhen_TopUpOfAnUnknownLease() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 2));
        vm.prank(payer);
        escrow.topUp{value: 1}(2);
    }

    /*//////////////////////////////////////////////////////////////
                                 CLOSE
    //////////////////////////////////////////////////////////////*/

    function test_Close_RefundsWhatHasNotAccruedAndFreesTheSlot() public {
        skip(3 hours);
        uint256 before = payer.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(leaseId, engineId, 3 * PRICE, DEPOSIT - 3 * PRICE);
        uint256 refund = _close();

        assertEq(refund, DEPOSIT - 3 * PRICE, "refund");
        assertEq(payer.balance, before + refund, "refunded");
        LeaseEscrow.LeaseView memory l = escrow.lease(leaseId);
        assertFalse(l.active, "closed");
        assertEq(l.deposit, 3 * PRICE, "the deposit is cut to what accrued");
        assertEq(l.claimable, 3 * PRICE, "which the engine can still claim");
        assertEq(registry.engine(engineId).activeLeases, 0, "slot freed");
        assertEq(address(escrow).balance, 3 * PRICE, "only the accrued part stays");
    }

    function test_Close_TheEngineClaimsWhatAccruedUntilTheCloseAndNoMore() public {
        skip(3 hours);
        _close();
        skip(10 hours);
        assertEq(escrow.lease(leaseId).accrued, 3 * PRICE, "accrual stopped");
        assertEq(claim(operator, ids(leaseId)), 3 * PRICE, "claimed");
        assertEq(address(escrow).balance, 0, "all paid out");
    }

    function test_Close_AfterAClaimRefundsTheRest() public {
        skip(4 hours);
        claim(operator, ids(leaseId));
        skip(1 hours);
        assertEq(_close(), DEPOSIT - 5 * PRICE, "refund");
        assertEq(claim(operator, ids(leaseId)), PRICE, "the last hour");
        assertEq(address(escrow).balance, 0, "nothing left behind");
    }

    function test_Close_RightAwayRefundsEverything() public {
        assertEq(_close(), DEPOSIT, "full refund");
        assertEq(escrow.lease(leaseId).deposit, 0, "nothing to claim");
    }

    function test_Close_AnExhaustedLeaseRefundsNothing() public {
        skip(100 hours);
        uint256 before = payer.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(leaseId, engineId, DEPOSIT, 0);
        assertEq(_close(), 0, "no refund");
        assertEq(payer.balance, before, "nothing sent");
        assertEq(registry.engine(engineId).activeLeases, 0, "slot freed all the same");
    }

    function test_RevertWhen_ClosedByANonPayer() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPayer.selector, leaseId, operator, payer));
        vm.prank(operator);
        escrow.close(leaseId);
    }

    function test_RevertWhen_ClosedTwice() public {
        _close();
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotActive.selector, leaseId));
        _close();
    }

    function test_RevertWhen_ClosingAnUnknownLease() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 5));
        vm.prank(payer);
        escrow.close(5);
    }
}
