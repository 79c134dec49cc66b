// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Errors} from "../../src/Errors.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";
import {ReentrantReceiver} from "../mocks/ReentrantReceiver.sol";

/// @notice Every function that sends value refuses a receiver that calls back in. The guard's
/// ReentrancyGuardReentrantCall fails the receiver's receive(), which surfaces as TransferFailed; nothing moves.
contract ReentrancyTest is Base {
    ReentrantReceiver internal attacker;

    function setUp() public override {
        super.setUp();
        attacker = new ReentrantReceiver();
        vm.label(address(attacker), "attacker");
        vm.deal(address(attacker), 100 ether);
    }

    function _registerAsAttacker(uint256 stake) internal returns (uint256) {
        bytes memory ret = attacker.act(address(registry), abi.encodeCall(registry.register, (sampleAdvert())), stake);
        return abi.decode(ret, (uint256));
    }

    /// @dev The attacker is the pico: its refunds come to it.
    function _openLeaseAsAttacker(uint256 engineId) internal returns (uint256) {
        bytes memory ret =
            attacker.act(address(escrow), abi.encodeCall(escrow.openLease, (engineId, ANY_PRICE)), DEPOSIT);
        return abi.decode(ret, (uint256));
    }

    /// @dev The attacker is owed a credit: half of an unanswered challenge's slash and its bond.
    function _attackerEarnsACredit() internal returns (uint256 owed) {
        uint256 id = register(operator, 2 ether);
        bytes memory ret = attacker.act(address(registry), abi.encodeCall(registry.openChallenge, (id)), BOND);
        skip(WINDOW + 1);
        registry.executeChallenge(abi.decode(ret, (uint256)));
        owed = registry.creditOf(address(attacker));
    }

    function _expectTransferFailed(uint256 amount) internal {
        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(attacker), amount));
    }

    /*//////////////////////////////////////////////////////////////
                                REGISTRY
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_WithdrawIsReentered() public {
        uint256 id = _registerAsAttacker(2 ether);
        attacker.act(address(registry), abi.encodeCall(registry.requestUnbond, (id, 2 ether)), 0);
        skip(UNBONDING);
        attacker.arm(address(registry), abi.encodeCall(registry.withdraw, (id)), ReentrantReceiver.Mode.Bubble);
        uint256 held = address(registry).balance;
        uint256 attackerBalance = address(attacker).balance;

        _expectTransferFailed(2 ether);
        attacker.act(address(registry), abi.encodeCall(registry.withdraw, (id)), 0);

        assertEq(address(registry).balance, held, "nothing left the registry");
        assertEq(address(attacker).balance, attackerBalance, "nothing reached the attacker");
        assertEq(registry.engine(id).unbonding, 2 ether, "still unbonding");
    }

    function test_RevertWhen_WithdrawReentersWithdrawCredit() public {
        uint256 id = _registerAsAttacker(2 ether);
        attacker.act(address(registry), abi.encodeCall(registry.requestUnbond, (id, 1 ether)), 0);
        _attackerEarnsACredit();
        skip(UNBONDING);
        attacker.arm(address(registry), abi.encodeCall(registry.withdrawCredit, ()), ReentrantReceiver.Mode.Bubble);
        uint256 held = address(registry).balance;

        _expectTransferFailed(1 ether);
        attacker.act(address(registry), abi.encodeCall(registry.withdraw, (id)), 0);
        assertEq(address(registry).balance, held, "the guard covers the whole registry");
    }

    function test_RevertWhen_WithdrawCreditIsReentered() public {
        uint256 owed = _attackerEarnsACredit();
        attacker.arm(address(registry), abi.encodeCall(registry.withdrawCredit, ()), ReentrantReceiver.Mode.Bubble);
        uint256 held = address(registry).balance;
        uint256 attackerBalance = address(attacker).balance;

        _expectTransferFailed(owed);
        attacker.act(address(registry), abi.encodeCall(registry.withdrawCredit, ()), 0);

        assertEq(registry.creditOf(address(attacker)), owed, "still owed");
        assertEq(address(registry).balance, held, "nothing left the registry");
        assertEq(address(attacker).balance, attackerBalance, "nothing reached the attacker");
    }

    function test_WithdrawCredit_AReentryIsRefusedEvenWhenTheReceiverSwallowsIt() public {
        uint256 owed = _attackerEarnsACredit();
        attacker.arm(address(registry), abi.encodeCall(registry.withdrawCredit, ()), ReentrantReceiver.Mode.Swallow);
        uint256 attackerBalance = address(attacker).balance;

        attacker.act(address(registry), abi.encodeCall(registry.withdrawCredit, ()), 0);

        assertFalse(attacker.reentered(), "the re-entry did not go through");
        assertEq(
            keccak256(attacker.reentryError()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "refused by the guard"
        );
        assertEq(address(attacker).balance, attackerBalance + owed, "paid exactly once");
        assertEq(registry.creditOf(address(attacker)), 0, "nothing left owed");
    }

    /*//////////////////////////////////////////////////////////////
                                 ESCROW
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_ClaimIsReentered() public {
        uint256 engineId = _registerAsAttacker(MIN_STAKE); // the attacker is operator, agent and payout
        uint256 leaseId = openLease(engineId, DEPOSIT);
        skip(1 hours);
        bytes memory claimCall = abi.encodeCall(escrow.claim, (engineId, ids(leaseId)));
        attacker.arm(address(escrow), claimCall, ReentrantReceiver.Mode.Bubble);
        uint256 attackerBalance = address(attacker).balance;

        _expectTransferFailed(PRICE);
        attacker.act(address(escrow), claimCall, 0);

        assertEq(escrow.lease(leaseId).paid, 0, "nothing paid");
        assertEq(address(escrow).balance, DEPOSIT, "deposit intact");
        assertEq(address(attacker).balance, attackerBalance, "nothing reached the attacker");
    }

    /// @dev The payout address is paid by a claim it did not send: its re-entry is refused all the same.
    function test_RevertWhen_ThePayoutAddressReentersClaim() public {
        uint256 engineId = register(operator, MIN_STAKE);
        vm.prank(operator);
        registry.setPayout(engineId, address(attacker));
        uint256 leaseId = openLease(engineId, DEPOSIT);
        skip(1 hours);
        attacker.arm(
            address(escrow), abi.encodeCall(escrow.claim, (engineId, ids(leaseId))), ReentrantReceiver.Mode.Bubble
        );

        _expectTransferFailed(PRICE);
        claim(operator, engineId, ids(leaseId));
        assertEq(address(escrow).balance, DEPOSIT, "deposit intact");
    }

    function test_RevertWhen_CloseIsReentered() public {
        uint256 engineId = register(operator, MIN_STAKE);
        uint256 leaseId = _openLeaseAsAttacker(engineId);
        attacker.arm(address(escrow), abi.encodeCall(escrow.close, ()), ReentrantReceiver.Mode.Bubble);
        uint256 attackerBalance = address(attacker).balance;

        _expectTransferFailed(DEPOSIT);
        attacker.act(address(escrow), abi.encodeCall(escrow.close, ()), 0);

        assertTrue(escrow.lease(leaseId).active, "still open");
        assertEq(registry.engine(engineId).activeLeases, 1, "slot still taken");
        assertEq(address(escrow).balance, DEPOSIT, "deposit intact");
        assertEq(address(attacker).balance, attackerBalance, "nothing reached the attacker");
    }

    function test_RevertWhen_CloseReentersClaim() public {
        uint256 engineId = _registerAsAttacker(MIN_STAKE); // the attacker operates the engine and is its pico
        uint256 leaseId = _openLeaseAsAttacker(engineId);
        skip(1 hours);
        attacker.arm(
            address(escrow), abi.encodeCall(escrow.claim, (engineId, ids(leaseId))), ReentrantReceiver.Mode.Bubble
        );

        _expectTransferFailed(DEPOSIT - PRICE);
        attacker.act(address(escrow), abi.encodeCall(escrow.close, ()), 0);
        assertEq(address(escrow).balance, DEPOSIT, "the guard covers the whole escrow");
    }

    function test_Close_AReentryIntoAnUnguardedFunctionFindsTheLeaseAlreadyClosed() public {
        uint256 engineId = register(operator, MIN_STAKE);
        uint256 otherEngine = register(otherOperator, MIN_STAKE);
        _openLeaseAsAttacker(engineId);
        attacker.arm(
            address(escrow), abi.encodeCall(escrow.moveLease, (otherEngine, ANY_PRICE)), ReentrantReceiver.Mode.Swallow
        );

        attacker.act(address(escrow), abi.encodeCall(escrow.close, ()), 0);

        assertEq(
            keccak256(attacker.reentryError()),
            keccak256(abi.encodeWithSelector(Errors.NoActiveLease.selector, address(attacker))),
            "effects came before the transfer"
        );
        assertEq(registry.engine(otherEngine).activeLeases, 0, "no slot was held on the other engine");
        assertEq(address(escrow).balance, 0, "refunded once");
    }

    /// @dev The attacker is a pico whose engine halted: a stranger ends its stopped lease, crediting it the rest.
    function _attackerIsOwedARefund() internal returns (uint256 owed) {
        uint256 engineId = register(operator, MIN_STAKE);
        uint256 leaseId = _openLeaseAsAttacker(engineId);
        skip(1 hours);
        vm.prank(operator);
        registry.requestUnbond(engineId, 1); // halts: the lease stops
        skip(1);
        vm.prank(stranger);
        owed = escrow.expireLease(leaseId);
    }

    /// @dev expireLease sends nothing, so it needs no guard: an armed pico is never called back.
    function test_ExpireLease_PaysNoOneSoAStoppedPicoCannotReenter() public {
        attacker.arm(address(escrow), abi.encodeCall(escrow.withdrawRefund, ()), ReentrantReceiver.Mode.Bubble);
        uint256 attackerBefore = address(attacker).balance;
        uint256 owed = _attackerIsOwedARefund();
        assertEq(owed, DEPOSIT - PRICE, "the rest of the deposit");
        assertEq(address(attacker).balance, attackerBefore - DEPOSIT, "nothing sent to the pico");
        assertEq(attacker.reentryError().length, 0, "its receive() never ran");
        assertEq(escrow.refundOf(address(attacker)), owed, "credited instead");
    }

    function test_RevertWhen_WithdrawRefundIsReentered() public {
        uint256 owed = _attackerIsOwedARefund();
        attacker.arm(address(escrow), abi.encodeCall(escrow.withdrawRefund, ()), ReentrantReceiver.Mode.Bubble);
        uint256 attackerBalance = address(attacker).balance;

        _expectTransferFailed(owed);
        attacker.act(address(escrow), abi.encodeCall(escrow.withdrawRefund, ()), 0);

        assertEq(escrow.refundOf(address(attacker)), owed, "still owed");
        assertEq(address(escrow).balance, DEPOSIT, "nothing left the escrow");
        assertEq(address(attacker).balance, attackerBalance, "nothing reached the attacker");
    }

    /// @dev The re-entry into withdrawRefund (which, once the credit is zeroed, would find nothing anyway) is refused
    /// by the guard; the pico is paid exactly once.
    function test_WithdrawRefund_AReentryIsRefusedAndThePicoIsPaidOnce() public {
        uint256 owed = _attackerIsOwedARefund();
        attacker.arm(address(escrow), abi.encodeCall(escrow.withdrawRefund, ()), ReentrantReceiver.Mode.Swallow);
        uint256 attackerBalance = address(attacker).balance;

        attacker.act(address(escrow), abi.encodeCall(escrow.withdrawRefund, ()), 0);

        assertFalse(attacker.reentered(), "the re-entry did not go through");
        assertEq(
            keccak256(attacker.reentryError()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "the guard refused the re-entry"
        );
        assertEq(address(attacker).balance, attackerBalance + owed, "refunded once");
        assertEq(escrow.refundOf(address(attacker)), 0, "nothing left owed");
        assertEq(address(escrow).balance, PRICE, "the engine's hour stays");
    }

    /// @dev The guard covers the whole escrow: a refund's receiver cannot claim through it either.
    function test_RevertWhen_WithdrawRefundReentersClaim() public {
        uint256 engineId = _registerAsAttacker(MIN_STAKE); // the attacker operates the engine and is its pico
        uint256 leaseId = _openLeaseAsAttacker(engineId);
        skip(1 hours);
        attacker.act(address(registry), abi.encodeCall(registry.requestUnbond, (engineId, 1)), 0); // halts
        skip(1);
        vm.prank(stranger);
        uint256 owed = escrow.expireLease(leaseId);
        attacker.arm(
            address(escrow), abi.encodeCall(escrow.claim, (engineId, ids(leaseId))), ReentrantReceiver.Mode.Bubble
        );

        _expectTransferFailed(owed);
        attacker.act(address(escrow), abi.encodeCall(escrow.withdrawRefund, ()), 0);
        assertEq(escrow.lease(leaseId).paid, 0, "the engine's hour unclaimed");
        assertEq(address(escrow).balance, DEPOSIT, "nothing left the escrow");
    }
}
