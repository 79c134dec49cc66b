// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice moveLease, the request of a two-phase move (branches: moveLease.tree). What follows the request is in
/// AcceptMove.t.sol, RejectMove.t.sol and ExpireMove.t.sol.
contract MoveLeaseTest is EscrowBase {
    uint256 internal engineA; // operator's, PRICE, 1 slot
    uint256 internal engineB; // otherOperator's, 3 * PRICE, 1 slot
    uint256 internal leaseId;

    function setUp() public override {
        super.setUp();
        engineA = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        engineB = register(otherOperator, MIN_STAKE, advertWith(3 * PRICE, 1));
        leaseId = openLease(engineA, DEPOSIT);
    }

    function test_MoveLease_HoldsASlotOnTheTargetAtAFixedPrice() public {
        skip(1 hours);
        uint256 deadline = block.timestamp + MOVE_WINDOW;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.MoveRequested(leaseId, pico, engineB, 3 * PRICE, deadline);
        requestMove(engineB);

        LeaseEscrow.LeaseView memory l = view_(leaseId);
        assertEq(l.moveTo, engineB, "pending to the target");
        assertEq(l.movePrice, 3 * PRICE, "at the target's price now");
        assertEq(l.moveDeadline, deadline, "for the move window");
        assertEq(registry.engine(engineB).activeLeases, 1, "a slot held on the target");
        assertEq(registry.engine(engineA).activeLeases, 1, "the source keeps its slot");
        assertEq(escrow.leaseCount(), 1, "no lease yet on the target");
    }

    function test_MoveLease_TheLeaseStaysWhereItWasAndKeepsAccruing() public {
        requestMove(engineB);
        skip(5 minutes);
        LeaseEscrow.LeaseView memory l = view_(leaseId);
        assertTrue(l.active, "still active");
        assertEq(l.engineId, engineA, "still on the source");
        assertEq(l.pricePerHour, PRICE, "at the source's price");
        assertEq(l.accrued, PRICE * 5 minutes / 1 hours, "the source earns meanwhile");
        assertEq(escrow.currentLease(pico).id, leaseId, "the pico still lives there");
    }

    function test_MoveLease_TheHeldSlotCountsAgainstTheTargetsCapacity() public {
        requestMove(engineB);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineB, 1));
        openLeaseAs(newPico("pico2"), engineB, DEPOSIT);
    }

    function test_MoveLease_FromALeaseOfAnyAgeWhoseRestCoversTheMinimum() public {
        skip(7 hours); // 3 * PRICE left: exactly an hour at the target's price
        requestMove(engineB);
        assertEq(view_(leaseId).moveTo, engineB, "pending");
    }

    function test_MoveLease_ThereAndBackAgain() public {
        requestMove(engineB);
        uint256 there = acceptMove(otherOperator, leaseId);
        requestMove(engineA);
        uint256 back = acceptMove(operator, there);
        assertEq(view_(back).engineId, engineA, "home again");
        assertEq(view_(back).deposit, DEPOSIT, "nothing accrued in between");
        assertEq(registry.engine(engineB).activeLeases, 0, "the target's slot freed");
        assertEq(registry.engine(engineA).activeLeases, 1, "one slot on the source");
    }

    function test_RevertWhen_ThePicoHasNoLease() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NoActiveLease.selector, stranger));
        vm.prank(stranger);
        escrow.moveLease(engineB, ANY_PRICE);
    }

    function test_RevertWhen_TheLeaseWasClosed() public {
        closeLease();
        vm.expectRevert(abi.encodeWithSelector(Errors.NoActiveLease.selector, pico));
        requestMove(engineB);
    }

    function test_RevertWhen_AMoveIsAlreadyPending() public {
        uint256 engineC = register(stranger, MIN_STAKE, advertWith(PRICE, 1));
        requestMove(engineB);
        vm.expectRevert(abi.encodeWithSelector(Errors.MovePending.selector, leaseId, engineB));
        requestMove(engineC);
        assertEq(registry.engine(engineC).activeLeases, 0, "no second slot held");
    }

    function test_RevertWhen_TheNewEngineIsTheSameEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.SameEngine.selector, leaseId, engineA));
        requestMove(engineA);
    }

    function test_RevertWhen_TheLeaseIsExhausted() public {
        skip(10 hours); // exactly the deposit: nothing left to carry
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 0, 3 * PRICE, MAX_DEPOSIT));
        requestMove(engineB);
    }

    function test_RevertWhen_TheRestDoesNotCoverTheMinimumAtTheNewPrice() public {
        skip(7 hours + 1); // a wei under an hour at the target's price
        uint256 left = DEPOSIT - PRICE * (7 hours + 1) / 1 hours;
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, left, 3 * PRICE, MAX_DEPOSIT));
        requestMove(engineB);
    }

    function test_RevertWhen_TheNewEngineIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 3));
        requestMove(3);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 0));
        requestMove(0);
    }

    function test_RevertWhen_TheNewEngineIsHalted() public {
        halt(otherOperator, engineB);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineB));
        requestMove(engineB);
        assertEq(view_(leaseId).moveTo, 0, "nothing pending");
    }

    function test_RevertWhen_TheNewEngineIsFull() public {
        openLeaseAs(newPico("pico2"), engineB, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineB, 1));
        requestMove(engineB);
        assertEq(registry.engine(engineA).activeLeases, 1, "the lease keeps its slot");
    }
}
