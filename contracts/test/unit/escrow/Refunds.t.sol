// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {RevertingReceiver} from "../../mocks/RevertingReceiver.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice withdrawRefund (branches: withdrawRefund.tree): a lease someone else ended (expireLease) credits what
/// did not accrue to its pico instead of pushing it, so that a pico that refuses payments cannot block the expiry;
/// the pico pulls its credits with withdrawRefund. Re-entry: ReentrancyTest.
contract RefundsTest is EscrowBase {
    uint256 internal engineA; // operator's, PRICE, 1 slot, staked at exactly the minimum
    uint256 internal engineB; // otherOperator's, likewise

    function setUp() public override {
        super.setUp();
        engineA = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        engineB = register(otherOperator, MIN_STAKE, advertWith(PRICE, 1));
    }

    /// @dev Halts the lease's engine and, a second later, a stranger ends the stopped lease: returns the credit.
    function _stopAndExpire(address engineOperator, uint256 engineId, uint256 leaseId) internal returns (uint256) {
        halt(engineOperator, engineId);
        skip(1);
        vm.prank(stranger);
        return escrow.expireLease(leaseId);
    }

    function _withdraw(address who) internal returns (uint256) {
        vm.prank(who);
        return escrow.withdrawRefund();
    }

    function test_RevertWhen_NothingIsOwed() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPayout.selector, pico));
        _withdraw(pico);
        // A lease the pico closes itself pays it directly: it leaves no credit behind.
        openLease(engineA, DEPOSIT);
        skip(1 hours);
        closeLease();
        assertEq(escrow.refundOf(pico), 0, "a close credits nothing");
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPayout.selector, pico));
        _withdraw(pico);
    }

    function test_RevertWhen_AnExhaustedLeaseLeftNothingToRefund() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(10 hours);
        vm.prank(stranger);
        assertEq(escrow.expireLease(leaseId), 0, "nothing credited");
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPayout.selector, pico));
        _withdraw(pico);
    }

    function test_WithdrawRefund_PaysTheCreditedRestAndEmits() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(3 hours);
        uint256 rest = DEPOSIT - 3 * PRICE;
        halt(operator, engineA);
        skip(1);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.RefundCredited(pico, rest);
        vm.prank(stranger);
        assertEq(escrow.expireLease(leaseId), rest, "credited");
        uint256 picoBefore = pico.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.RefundWithdrawn(pico, rest);
        assertEq(_withdraw(pico), rest, "returns what it paid");
        assertEq(pico.balance, picoBefore + rest, "the pico has its rest");
        assertEq(escrow.refundOf(pico), 0, "nothing left owed");
        assertEq(address(escrow).balance, 3 * PRICE, "only the engine's earnings stay");
    }

    /// @dev Credits add up across leases (the pico moved on, then its second engine halted too): one withdrawal
    /// pays the sum, once; the pico's current lease is left alone.
    function test_WithdrawRefund_CreditedTwiceThenWithdrawnOncePaysTheSum() public {
        uint256 first = openLease(engineA, DEPOSIT);
        skip(2 hours);
        uint256 r1 = _stopAndExpire(operator, engineA, first);
        uint256 second = openLease(engineB, DEPOSIT);
        skip(4 hours);
        uint256 r2 = _stopAndExpire(otherOperator, engineB, second);
        assertEq(r1, DEPOSIT - 2 * PRICE, "the first rest");
        assertEq(r2, DEPOSIT - 4 * PRICE, "the second rest");
        assertEq(escrow.refundOf(pico), r1 + r2, "owed the sum");

        address pico3 = newPico("pico3"); // a third engine keeps the pico busy meanwhile
        uint256 engineC = register(pico3, MIN_STAKE, advertWith(PRICE, 1));
        uint256 current = openLease(engineC, DEPOSIT);
        uint256 picoBefore = pico.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.RefundWithdrawn(pico, r1 + r2);
        assertEq(_withdraw(pico), r1 + r2, "one withdrawal");
        assertEq(pico.balance, picoBefore + r1 + r2, "pays the sum");
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPayout.selector, pico));
        _withdraw(pico);
        assertEq(pico.balance, picoBefore + r1 + r2, "and only once");
        assertTrue(view_(current).active, "the current lease untouched");
        assertEq(view_(current).deposit, DEPOSIT, "its deposit too");
    }

    /// @dev The credit is the pico's: whoever ended the lease, a stranger cannot take it, and the pico is paid to
    /// itself (never to the caller of expireLease).
    function test_RevertWhen_SomeoneElseWithdrawsThePicosRefund() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        uint256 owed = _stopAndExpire(operator, engineA, leaseId);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPayout.selector, stranger));
        _withdraw(stranger);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPayout.selector, operator));
        _withdraw(operator); // the engine whose halt ended it
        assertEq(escrow.refundOf(pico), owed, "still the pico's");
    }

    /// @dev A contract pico that refuses payments: its lease is ended regardless (Attacks.t.sol), but it can never
    /// withdraw; the credit stays (nothing is lost or paid elsewhere) for as long as it refuses.
    function test_WithdrawRefund_ARefusingContractPicoCannotWithdrawButItsCreditStays() public {
        RevertingReceiver refuser = new RevertingReceiver();
        vm.deal(address(refuser), DEPOSIT);
        bytes memory ret =
            refuser.act(address(escrow), abi.encodeCall(escrow.openLease, (engineA, ANY_PRICE)), DEPOSIT);
        uint256 leaseId = abi.decode(ret, (uint256));
        skip(1 hours);
        uint256 owed = _stopAndExpire(operator, engineA, leaseId);
        assertEq(owed, DEPOSIT - PRICE, "credited although it refuses payments");

        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(refuser), owed));
        refuser.act(address(escrow), abi.encodeCall(escrow.withdrawRefund, ()), 0);
        assertEq(escrow.refundOf(address(refuser)), owed, "the credit stays");
        assertEq(address(escrow).balance, DEPOSIT, "and so does the value");
        assertEq(address(refuser).balance, 0, "nothing reached it");
    }
}
