// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {RevertingReceiver} from "../../mocks/RevertingReceiver.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice One test per attack on v1's escrow (and on v2 as first written), each showing it now fails. Escaping
/// challenges (an engine that halts stops earning) is in Halt.t.sol; forged and replayed signatures in
/// Signatures.t.sol.
contract AttacksTest is EscrowBase {
    uint256 internal engineA; // operator's, PRICE, 1 slot, agent and payout named
    uint256 internal engineB; // otherOperator's, PRICE, 1 slot

    /// @dev A key that is not the pico's.
    uint256 internal constant ATTACKER_KEY = 0xBAD;

    function setUp() public override {
        super.setUp();
        engineA = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        engineB = register(otherOperator, MIN_STAKE, advertWith(PRICE, 1));
        vm.startPrank(operator);
        registry.setAgent(engineA, agent);
        registry.setPayout(engineA, payout);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
            PRICE SWITCH: THE OPERATOR RAISES ITS PRICE AFTER THE PICO LOOKED
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheOperatorRaisesItsPriceBeforeTheOpenLands() public {
        vm.prank(agent); // front-runs the pico's transaction
        registry.updateAdvert(engineA, advertWith(5 * PRICE, 1));
        uint256 before = pico.balance;
        vm.expectRevert(abi.encodeWithSelector(Errors.PriceAboveMax.selector, engineA, 5 * PRICE, PRICE));
        vm.prank(pico);
        escrow.openLease{value: DEPOSIT}(engineA, PRICE);
        assertEq(pico.balance, before, "no deposit taken");
        assertEq(registry.engine(engineA).activeLeases, 0, "no slot taken");
    }

    function test_RevertWhen_TheTargetRaisesItsPriceBeforeTheMoveLands() public {
        openLease(engineA, DEPOSIT);
        vm.prank(otherOperator);
        registry.updateAdvert(engineB, advertWith(5 * PRICE, 1));
        vm.expectRevert(abi.encodeWithSelector(Errors.PriceAboveMax.selector, engineB, 5 * PRICE, PRICE));
        vm.prank(pico);
        escrow.moveLease(engineB, PRICE);
        assertEq(registry.engine(engineB).activeLeases, 0, "no slot held on the target");
    }

    function test_ALeaseKeepsItsPriceWhenTheAdvertChanges() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        vm.prank(agent);
        registry.updateAdvert(engineA, advertWith(5 * PRICE, 2));
        skip(1 hours);
        assertEq(view_(leaseId).pricePerHour, PRICE, "the price it was opened at");
        assertEq(view_(leaseId).accrued, PRICE, "and accrues at it");
        uint256 later = openLeaseAs(newPico("pico2"), engineA, DEPOSIT);
        assertEq(view_(later).pricePerHour, 5 * PRICE, "only a new lease takes the new price");
    }

    /*//////////////////////////////////////////////////////////////
            SLOT SQUATTING: HOLDING AN ENGINE'S SLOTS FOR (ALMOST) NOTHING
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_ASquatterDepositsLessThanTheMinimumPrepaidPeriod() public {
        address squatter = newPico("squatter");
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 1, PRICE, MAX_DEPOSIT));
        openLeaseAs(squatter, engineA, 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, PRICE - 1, PRICE, MAX_DEPOSIT));
        openLeaseAs(squatter, engineA, PRICE - 1);
        assertEq(registry.engine(engineA).activeLeases, 0, "the slot stays free");
    }

    function test_AnyoneEndsALeaseWhoseDepositRanOut() public {
        address squatter = newPico("squatter");
        uint256 squat = openLeaseAs(squatter, engineA, PRICE); // the minimum: one hour
        skip(1 hours);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineA, 1));
        openLease(engineA, DEPOSIT);

        vm.prank(pico); // the pico that wants the slot ends the dry lease itself
        escrow.expireLease(squat);
        assertEq(registry.engine(engineA).activeLeases, 0, "slot freed");
        assertEq(escrow.currentLease(squatter).id, 0, "the squatter lives nowhere");
        openLease(engineA, DEPOSIT);
        assertEq(claim(agent, engineA, ids(squat)), PRICE, "the engine still gets the hour it hosted");
    }

    function test_RevertWhen_ALeaseWithDepositLeftIsExpired() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(9 hours);
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotExhausted.selector, leaseId, PRICE));
        vm.prank(operator); // an operator that would rather have a new, dearer lease in the slot
        escrow.expireLease(leaseId);
        assertTrue(view_(leaseId).active, "the pico keeps its lease");
    }

    /// @dev A stopped lease used to hold its slot until its pico closed it, even once the engine resumed: a pico
    /// could keep a slot of a resumed engine for free. Now anyone ends it, and its rest waits for the pico.
    function test_AnyoneEndsAStoppedLeaseThatHoldsAResumedEnginesSlot() public {
        address squatter = newPico("squatter");
        uint256 squat = openLeaseAs(squatter, engineA, DEPOSIT);
        skip(1 hours);
        halt(operator, engineA);
        resume(operator, engineA);
        skip(1);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineA, 1));
        openLease(engineA, DEPOSIT);

        vm.prank(pico);
        escrow.expireLease(squat);
        openLease(engineA, DEPOSIT);
        assertEq(escrow.currentLease(pico).engineId, engineA, "the real pico got the slot");
        uint256 squatterBefore = squatter.balance;
        vm.prank(squatter);
        escrow.withdrawRefund();
        assertEq(squatter.balance, squatterBefore + DEPOSIT - PRICE, "the squatter gets its rest back, no more");
    }

    /// @dev expireLease used to push a stopped lease's rest to its pico, so a pico contract that refused payments
    /// made the expiry revert and kept its stopped lease, and the slot, for as long as it liked. The rest is now
    /// credited: the lease ends whatever the pico does with payments, and only the pico's own withdrawal fails.
    function test_APicoThatRefusesPaymentsCannotKeepAStoppedLease() public {
        RevertingReceiver squatter = new RevertingReceiver();
        vm.deal(address(squatter), DEPOSIT);
        bytes memory ret =
            squatter.act(address(escrow), abi.encodeCall(escrow.openLease, (engineA, ANY_PRICE)), DEPOSIT);
        uint256 squat = abi.decode(ret, (uint256));
        skip(1 hours);
        halt(operator, engineA);
        resume(operator, engineA);
        skip(1);

        vm.prank(pico);
        assertEq(escrow.expireLease(squat), DEPOSIT - PRICE, "ended, its rest credited");
        assertEq(registry.engine(engineA).activeLeases, 0, "the stopped lease no longer holds the slot");
        openLease(engineA, DEPOSIT);
        assertEq(escrow.currentLease(pico).engineId, engineA, "the real pico got the slot");
        assertEq(escrow.refundOf(address(squatter)), DEPOSIT - PRICE, "the rest waits for the squatter");
        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(squatter), DEPOSIT - PRICE));
        squatter.act(address(escrow), abi.encodeCall(escrow.withdrawRefund, ()), 0);
        assertEq(escrow.refundOf(address(squatter)), DEPOSIT - PRICE, "a refused withdrawal keeps the credit");
    }

    function test_APendingMoveHoldsTheTargetsSlotOnlyUntilItsAgentRejects() public {
        // Squatting by move requests: a pico asks to move just to hold the target's slot. The target frees it at once.
        address squatter = newPico("squatter");
        uint256 squat = openLeaseAs(squatter, engineB, DEPOSIT);
        vm.prank(squatter);
        escrow.moveLease(engineA, ANY_PRICE);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineA, 1));
        openLease(engineA, DEPOSIT);
        vm.prank(agent);
        escrow.rejectMove(squat, "not a real move");
        openLease(engineA, DEPOSIT);
        assertEq(escrow.currentLease(pico).engineId, engineA, "the real pico got the slot");
    }

    /*//////////////////////////////////////////////////////////////
            SPOOFABLE IDENTITY: ACTING FOR A PICO WITHOUT ITS KEY
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_SomeoneOpensALeaseForThePicoWithoutItsSignature() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory forged = signRequest(ATTACKER_KEY, escrow.OPEN_LEASE_TYPEHASH(), pico, engineA, PRICE, deadline);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        vm.prank(operator);
        escrow.openLeaseFor{value: DEPOSIT}(pico, engineA, PRICE, deadline, forged);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        vm.prank(operator);
        escrow.openLeaseFor{value: DEPOSIT}(pico, engineA, PRICE, deadline, "");
        assertEq(escrow.currentLease(pico).id, 0, "the pico lives nowhere it did not choose");
    }

    function test_RevertWhen_SomeoneMovesThePicosLeaseWithoutItsSignature() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory forged = signRequest(ATTACKER_KEY, escrow.MOVE_LEASE_TYPEHASH(), pico, engineB, PRICE, deadline);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        vm.prank(otherOperator); // the target, poaching the pico
        escrow.moveLeaseFor(pico, engineB, PRICE, deadline, forged);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoActiveLease.selector, otherOperator));
        vm.prank(otherOperator);
        escrow.moveLease(engineB, PRICE); // moveLease only ever moves the caller's own lease
        assertEq(view_(leaseId).moveTo, 0, "no move pending");
    }

    function test_RevertWhen_APicoOpensASecondLease() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.PicoHasLease.selector, pico, leaseId));
        openLease(engineB, DEPOSIT);
        assertEq(registry.engine(engineB).activeLeases, 0, "no second home");
    }

    function test_CurrentLease_SaysWhereThePicoLivesThroughOpenMoveAndClose() public {
        assertEq(escrow.currentLease(pico).id, 0, "nowhere yet");
        uint256 first = openLease(engineA, DEPOSIT);
        assertEq(escrow.currentLease(pico).engineId, engineA, "on A");
        requestMove(engineB);
        assertEq(escrow.currentLease(pico).id, first, "still on A while the move is pending");
        uint256 second = acceptMove(otherOperator, first);
        assertEq(escrow.currentLease(pico).id, second, "the new lease");
        assertEq(escrow.currentLease(pico).engineId, engineB, "on B");
        closeLease();
        assertEq(escrow.currentLease(pico).id, 0, "nowhere after the close");
    }

    /*//////////////////////////////////////////////////////////////
            CLAIMS: EARNINGS GO TO THE PAYOUT ADDRESS, CLAIMED BY THE ENGINE'S KEYS ONLY
    //////////////////////////////////////////////////////////////*/

    function test_Claim_PaysThePayoutAddressNotTheCaller() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(1 hours);
        uint256 agentBefore = agent.balance;
        uint256 payoutBefore = payout.balance;
        claim(agent, engineA, ids(leaseId)); // a leaked hot key can only pay the payout address
        skip(1 hours);
        uint256 operatorBefore = operator.balance;
        claim(operator, engineA, ids(leaseId));
        assertEq(payout.balance, payoutBefore + 2 * PRICE, "both hours to the payout address");
        assertEq(agent.balance, agentBefore, "nothing to the agent");
        assertEq(operator.balance, operatorBefore, "nothing to the operator");
    }

    function test_RevertWhen_AStrangerClaims() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        skip(1 hours);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, engineA, stranger));
        claim(stranger, engineA, ids(leaseId));
        assertEq(view_(leaseId).claimable, PRICE, "still the engine's to claim");
    }

    function test_RevertWhen_AClaimListsALeaseOfAnotherEngine() public {
        uint256 theirs = openLease(engineB, DEPOSIT);
        address pico2 = newPico("pico2");
        uint256 mine = openLeaseAs(pico2, engineA, DEPOSIT);
        skip(1 hours);
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotOnEngine.selector, theirs, engineA));
        claim(agent, engineA, ids(mine, theirs));
        assertEq(view_(mine).paid, 0, "the whole batch reverted");
        assertEq(claim(otherOperator, engineB, ids(theirs)), PRICE, "the other engine's earnings intact");
    }
}
