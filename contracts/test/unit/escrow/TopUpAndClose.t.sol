// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice topUp (anyone, to the pico's lease) and close (the pico alone; branches: close.tree).
contract TopUpAndCloseTest is EscrowBase {
    uint256 internal engineId;
    uint256 internal leaseId;

    function setUp() public override {
        super.setUp();
        engineId = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        leaseId = openLease(engineId, DEPOSIT);
    }

    function _topUp(address from, uint256 amount) internal {
        vm.prank(from);
        escrow.topUp{value: amount}(pico);
    }

    /*//////////////////////////////////////////////////////////////
                                 TOP UP
    //////////////////////////////////////////////////////////////*/

    function test_TopUp_AddsToTheDeposit() public {
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseToppedUp(leaseId, pico, 0.02 ether, 0.03 ether);
        _topUp(pico, 0.02 ether);
        assertEq(view_(leaseId).deposit, 0.03 ether, "deposit");
        assertEq(address(escrow).balance, 0.03 ether, "held");
        skip(30 hours);
        assertEq(view_(leaseId).accrued, 0.03 ether, "accrues up to the new deposit");
    }

    function test_TopUp_ByAnyoneFundsThePicosLease() public {
        uint256 sponsorBefore = sponsor.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseToppedUp(leaseId, sponsor, DEPOSIT, 2 * DEPOSIT);
        _topUp(sponsor, DEPOSIT);
        assertEq(sponsor.balance, sponsorBefore - DEPOSIT, "the sponsor paid");
        assertEq(view_(leaseId).pico, pico, "the lease is still the pico's");
        assertEq(closeLease(), 2 * DEPOSIT, "and its refund goes to the pico");
    }

    function test_TopUp_ADryLeasePaysForTheTimeItWasDry() public {
        skip(20 hours); // dry after 10 hours; nobody expired it and the engine kept hosting
        _topUp(pico, DEPOSIT);
        assertEq(view_(leaseId).accrued, 2 * DEPOSIT, "twenty hours accrued at once");
    }

    function test_TopUp_KeepsAPendingMove() public {
        uint256 engineB = register(otherOperator, MIN_STAKE, advertWith(PRICE, 1));
        requestMove(engineB);
        _topUp(pico, DEPOSIT);
        uint256 next = acceptMove(otherOperator, leaseId);
        assertEq(view_(next).deposit, 2 * DEPOSIT, "the top-up is carried");
    }

    function test_TopUp_UpTo80Bits() public {
        vm.deal(pico, MAX_DEPOSIT);
        _topUp(pico, MAX_DEPOSIT - DEPOSIT);
        assertEq(view_(leaseId).deposit, MAX_DEPOSIT, "largest deposit");
    }

    /// @dev The error's bounds are what this lease can still take: 1 wei up to the room left below 80 bits.
    function test_RevertWhen_TopUpOfZero() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 0, 1, MAX_DEPOSIT - DEPOSIT));
        _topUp(pico, 0);
    }

    function test_RevertWhen_TopUpOverflows80Bits() public {
        uint256 amount = MAX_DEPOSIT - DEPOSIT + 1;
        vm.deal(pico, amount);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, amount, 1, MAX_DEPOSIT - DEPOSIT));
        _topUp(pico, amount);
        assertEq(view_(leaseId).deposit, DEPOSIT, "unchanged");
    }

    function test_RevertWhen_AFullLeaseIsToppedUpByOneWei() public {
        vm.deal(pico, MAX_DEPOSIT);
        _topUp(pico, MAX_DEPOSIT - DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 1, 1, 0));
        _topUp(pico, 1);
    }

    function test_RevertWhen_TopUpOfAPicoWithoutLease() public {
        closeLease();
        vm.expectRevert(abi.encodeWithSelector(Errors.NoActiveLease.selector, pico));
        _topUp(pico, 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoActiveLease.selector, stranger));
        vm.prank(sponsor);
        escrow.topUp{value: 1}(stranger);
    }

    /*//////////////////////////////////////////////////////////////
                                 CLOSE
    //////////////////////////////////////////////////////////////*/

    function test_Close_RefundsWhatHasNotAccruedAndFreesTheSlot() public {
        skip(3 hours);
        uint256 before = pico.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(
            leaseId, engineId, pico, ILeaseEscrow.EndReason.Closed, 3 * PRICE, DEPOSIT - 3 * PRICE
        );
        uint256 refund = closeLease();

        assertEq(refund, DEPOSIT - 3 * PRICE, "refund");
        assertEq(pico.balance, before + refund, "refunded");
        LeaseEscrow.LeaseView memory l = view_(leaseId);
        assertFalse(l.active, "closed");
        assertEq(l.deposit, 3 * PRICE, "the deposit is cut to what accrued");
        assertEq(l.claimable, 3 * PRICE, "which the engine can still claim");
        assertEq(registry.engine(engineId).activeLeases, 0, "slot freed");
        assertEq(escrow.currentLease(pico).id, 0, "the pico lives nowhere");
        assertEq(address(escrow).balance, 3 * PRICE, "only the accrued part stays");
    }

    function test_Close_TheEngineClaimsWhatAccruedUntilTheCloseAndNoMore() public {
        skip(3 hours);
        closeLease();
        skip(10 hours);
        assertEq(view_(leaseId).accrued, 3 * PRICE, "accrual stopped");
        assertEq(claim(operator, engineId, ids(leaseId)), 3 * PRICE, "claimed");
        assertEq(address(escrow).balance, 0, "all paid out");
    }

    function test_Close_AfterAClaimRefundsTheRest() public {
        skip(4 hours);
        claim(operator, engineId, ids(leaseId));
        skip(1 hours);
        assertEq(closeLease(), DEPOSIT - 5 * PRICE, "refund");
        assertEq(claim(operator, engineId, ids(leaseId)), PRICE, "the last hour");
        assertEq(address(escrow).balance, 0, "nothing left behind");
    }

    function test_Close_RightAwayRefundsEverything() public {
        assertEq(closeLease(), DEPOSIT, "full refund");
        assertEq(view_(leaseId).deposit, 0, "nothing to claim");
    }

    function test_Close_AnExhaustedLeaseRefundsNothing() public {
        skip(100 hours);
        uint256 before = pico.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(leaseId, engineId, pico, ILeaseEscrow.EndReason.Closed, DEPOSIT, 0);
        assertEq(closeLease(), 0, "no refund");
        assertEq(pico.balance, before, "nothing sent");
        assertEq(registry.engine(engineId).activeLeases, 0, "slot freed all the same");
    }

    function test_Close_CancelsAPendingMove() public {
        uint256 engineB = register(otherOperator, MIN_STAKE, advertWith(PRICE, 1));
        requestMove(engineB);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.MoveCancelled(leaseId, engineB, pico);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(leaseId, engineId, pico, ILeaseEscrow.EndReason.Closed, 0, DEPOSIT);
        assertEq(closeLease(), DEPOSIT, "full refund");
        assertEq(registry.engine(engineB).activeLeases, 0, "the target's held slot freed");
        assertEq(registry.engine(engineId).activeLeases, 0, "the source's freed");
        assertEq(view_(leaseId).moveTo, 0, "nothing pending");
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPendingMove.selector, leaseId));
        acceptMove(otherOperator, leaseId);
    }

    function test_RevertWhen_ClosedByAnyoneButThePico() public {
        // close() takes no lease id: the caller can only ever close its own lease.
        vm.expectRevert(abi.encodeWithSelector(Errors.NoActiveLease.selector, operator));
        vm.prank(operator);
        escrow.close();
        assertTrue(view_(leaseId).active, "the pico's lease is untouched");
    }

    function test_RevertWhen_ClosedTwice() public {
        closeLease();
        vm.expectRevert(abi.encodeWithSelector(Errors.NoActiveLease.selector, pico));
        closeLease();
    }
}
