// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice expireLease (branches: expireLease.tree): anyone ends a lease whose deposit has fully accrued, or whose
/// engine halted, so that neither a dry nor a stopped lease holds its engine's slot. It sends nothing: what did not
/// accrue is credited to the pico, which withdraws it (Refunds.t.sol). The squatting attacks are in Attacks.t.sol.
contract ExpireLeaseTest is EscrowBase {
    uint256 internal engineId;
    uint256 internal leaseId;

    function setUp() public override {
        super.setUp();
        engineId = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        leaseId = openLease(engineId, DEPOSIT); // ten hours
    }

    function _expire() internal {
        vm.prank(stranger);
        escrow.expireLease(leaseId);
    }

    function test_ExpireLease_EndsItAsExhaustedWithNothingToRefund() public {
        skip(10 hours);
        uint256 picoBefore = pico.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(leaseId, engineId, pico, ILeaseEscrow.EndReason.Exhausted, DEPOSIT, 0);
        _expire();
        LeaseEscrow.LeaseView memory l = view_(leaseId);
        assertFalse(l.active, "ended");
        assertEq(l.deposit, DEPOSIT, "all of it accrued");
        assertEq(l.claimable, DEPOSIT, "all of it the engine's");
        assertEq(pico.balance, picoBefore, "nothing to refund");
        assertEq(escrow.refundOf(pico), 0, "nor credited");
        assertEq(address(escrow).balance, DEPOSIT, "the engine's earnings stay until claimed");
    }

    function test_ExpireLease_AtTheSecondTheDepositRunsOut() public {
        skip(10 hours - 1);
        uint256 remaining = DEPOSIT - accrual(PRICE, 10 hours - 1, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotExhausted.selector, leaseId, remaining));
        _expire();
        skip(1);
        _expire();
        assertFalse(view_(leaseId).active, "ended on the dot");
    }

    function test_ExpireLease_ThePicoLivesNowhereAndMayOpenAgain() public {
        skip(10 hours);
        _expire();
        assertEq(escrow.currentLease(pico).id, 0, "no current lease");
        uint256 again = openLease(engineId, DEPOSIT);
        assertEq(escrow.currentLease(pico).id, again, "a fresh lease in the freed slot");
    }

    function test_ExpireLease_AfterAPartialClaimTheEngineClaimsTheRest() public {
        skip(4 hours);
        claim(operator, engineId, ids(leaseId));
        skip(20 hours);
        _expire();
        assertEq(claim(operator, engineId, ids(leaseId)), DEPOSIT - 4 * PRICE, "the last six hours");
        assertEq(address(escrow).balance, 0, "everything paid out");
    }

    function test_ExpireLease_CancelsAPendingMove() public {
        // A source dearer than the target runs dry inside the move window.
        address pico2 = newPico("pico2");
        uint256 dear = register(otherOperator, MIN_STAKE, advertWith(60 * PRICE, 1));
        uint256 cheap = register(otherOperator, MIN_STAKE, advertWith(PRICE, 1));
        uint256 dry = openLeaseAs(pico2, dear, 60 * PRICE);
        skip(59 minutes);
        vm.prank(pico2);
        escrow.moveLease(cheap, ANY_PRICE);
        skip(1 minutes);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.MoveCancelled(dry, cheap, pico2);
        vm.prank(stranger);
        escrow.expireLease(dry);
        assertEq(registry.engine(cheap).activeLeases, 0, "the target's held slot freed");
        assertEq(registry.engine(dear).activeLeases, 0, "the source's freed");
    }

    /*//////////////////////////////////////////////////////////////
                     STOPPED: ITS ENGINE HALTED
    //////////////////////////////////////////////////////////////*/

    function test_ExpireLease_EndsAStoppedLeaseWithTheRestCreditedToThePico() public {
        skip(2 hours);
        halt(operator, engineId);
        skip(1 hours);
        vm.prank(sponsor);
        escrow.topUp{value: DEPOSIT}(pico); // a halted engine earns nothing from it: it comes back whole
        uint256 picoBefore = pico.balance;
        uint256 strangerBefore = stranger.balance;
        uint256 rest = 2 * DEPOSIT - 2 * PRICE;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(leaseId, engineId, pico, ILeaseEscrow.EndReason.Stopped, 2 * PRICE, rest);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.RefundCredited(pico, rest);
        vm.prank(stranger);
        assertEq(escrow.expireLease(leaseId), rest, "returns the amount credited");
        assertEq(escrow.refundOf(pico), rest, "the pico is owed what did not accrue by the halt");
        assertEq(pico.balance, picoBefore, "but nothing is pushed to it");
        assertEq(stranger.balance, strangerBefore, "the caller gets nothing");
        LeaseEscrow.LeaseView memory l = view_(leaseId);
        assertFalse(l.active, "ended");
        assertEq(l.deposit, 2 * PRICE, "cut to what accrued");
        assertEq(l.claimable, 2 * PRICE, "the two hours hosted are the engine's");
        assertEq(registry.engine(engineId).activeLeases, 0, "slot freed");
        assertEq(address(escrow).balance, 2 * DEPOSIT, "the engine's earnings and the pico's refund stay");
    }

    /// @dev A lease stops accruing at its engine's halt, but is stopped only once that second has passed.
    function test_RevertWhen_TheEngineHaltedThisVerySecond() public {
        skip(2 hours);
        halt(operator, engineId);
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotExhausted.selector, leaseId, DEPOSIT - 2 * PRICE));
        _expire();
        skip(1);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(
            leaseId, engineId, pico, ILeaseEscrow.EndReason.Stopped, 2 * PRICE, DEPOSIT - 2 * PRICE
        );
        _expire();
    }

    function test_ExpireLease_AStoppedLeaseCancelsItsPendingMove() public {
        uint256 engineB = register(otherOperator, MIN_STAKE, advertWith(PRICE, 1));
        skip(1 hours);
        requestMove(engineB);
        halt(operator, engineId);
        skip(1 minutes);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.MoveCancelled(leaseId, engineB, pico);
        vm.prank(stranger);
        assertEq(escrow.expireLease(leaseId), DEPOSIT - PRICE, "the rest credited, not carried");
        assertEq(escrow.refundOf(pico), DEPOSIT - PRICE, "owed to the pico");
        assertEq(escrow.currentLease(pico).id, 0, "no lease was opened on the target");
        assertEq(registry.engine(engineB).activeLeases, 0, "the target's held slot freed");
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPendingMove.selector, leaseId));
        acceptMove(otherOperator, leaseId);
    }

    /// @dev Halted after it ran dry: the deposit fully accrued before the halt, so the lease ran out rather than
    /// stopped: Exhausted, with nothing to credit.
    function test_ExpireLease_ALeaseThatRanDryBeforeTheHaltEndsExhaustedWithNothingToRefund() public {
        skip(12 hours);
        halt(operator, engineId);
        skip(1);
        uint256 picoBefore = pico.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(leaseId, engineId, pico, ILeaseEscrow.EndReason.Exhausted, DEPOSIT, 0);
        vm.prank(stranger);
        assertEq(escrow.expireLease(leaseId), 0, "nothing to refund");
        assertEq(escrow.refundOf(pico), 0, "nothing credited");
        assertEq(pico.balance, picoBefore, "the pico gets nothing back");
        assertEq(claim(operator, engineId, ids(leaseId)), DEPOSIT, "the engine earned it all before the halt");
    }

    /// @dev Ran dry in the very second of the halt: exhausted all the same, and at once (no second to wait).
    function test_ExpireLease_ALeaseThatRunsDryAsItsEngineHaltsEndsExhausted() public {
        skip(10 hours);
        halt(operator, engineId);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(leaseId, engineId, pico, ILeaseEscrow.EndReason.Exhausted, DEPOSIT, 0);
        _expire();
        assertEq(escrow.refundOf(pico), 0, "nothing credited");
    }

    function test_RevertWhen_ATopUpRevivedTheDryLease() public {
        skip(12 hours);
        vm.prank(sponsor);
        escrow.topUp{value: DEPOSIT}(pico); // pays the two dry hours and eight more
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotExhausted.selector, leaseId, 8 * PRICE));
        _expire();
    }

    function test_RevertWhen_TheLeaseHasEnded() public {
        skip(10 hours);
        closeLease();
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotActive.selector, leaseId));
        _expire();
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 5));
        escrow.expireLease(5);
    }
}
