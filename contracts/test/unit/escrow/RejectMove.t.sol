// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice rejectMove (branches: rejectMove.tree): the target's agent refuses a pending move, saying why; the lease
/// stays exactly as it was and the slot held on the target is freed.
contract RejectMoveTest is EscrowBase {
    uint256 internal engineA; // operator's, PRICE, 1 slot
    uint256 internal engineB; // otherOperator's, 3 * PRICE, 1 slot, agent named
    uint256 internal leaseId;

    function setUp() public override {
        super.setUp();
        engineA = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        engineB = register(otherOperator, MIN_STAKE, advertWith(3 * PRICE, 1));
        vm.prank(otherOperator);
        registry.setAgent(engineB, agent);
        leaseId = openLease(engineA, DEPOSIT);
        skip(1 hours);
    }

    function _reject(address who, string memory reason) internal {
        vm.prank(who);
        escrow.rejectMove(leaseId, reason);
    }

    function test_RejectMove_LeavesTheLeaseExactlyAsItWas() public {
        LeaseEscrow.LeaseView memory before = view_(leaseId);
        requestMove(engineB);
        _reject(agent, "snapshot too large");

        LeaseEscrow.LeaseView memory l = view_(leaseId);
        assertTrue(l.active, "still active");
        assertEq(l.engineId, before.engineId, "on the source");
        assertEq(l.deposit, before.deposit, "same deposit");
        assertEq(l.pricePerHour, before.pricePerHour, "same price");
        assertEq(l.startedAt, before.startedAt, "same start: no accrual lost or gained");
        assertEq(l.accrued, before.accrued, "accrued as if nothing happened");
        assertEq(l.moveTo, 0, "no move pending");
        assertEq(l.movePrice, 0, "no price held");
        assertEq(l.moveDeadline, 0, "no deadline");
        assertEq(escrow.currentLease(pico).id, leaseId, "the pico lives where it did");
        assertEq(escrow.leaseCount(), 1, "no lease opened");
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPendingMove.selector, leaseId));
        acceptMove(agent, leaseId);
    }

    function test_RejectMove_EmitsTheReason() public {
        requestMove(engineB);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.MoveRejected(leaseId, engineB, pico, "region mismatch");
        _reject(agent, "region mismatch");
    }

    function test_RejectMove_FreesTheSlotHeldOnTheTarget() public {
        requestMove(engineB);
        _reject(agent, "full");
        assertEq(registry.engine(engineB).activeLeases, 0, "the target's slot freed");
        assertEq(registry.engine(engineA).activeLeases, 1, "the source's kept");
        openLeaseAs(newPico("pico2"), engineB, DEPOSIT); // the slot is usable again
    }

    function test_RejectMove_ThePicoMayAskAgain() public {
        requestMove(engineB);
        _reject(agent, "try later");
        requestMove(engineB);
        assertEq(view_(leaseId).moveTo, engineB, "pending again");
    }

    function test_RejectMove_ByTheTargetsOperatorWithReasonsAtTheirBounds() public {
        requestMove(engineB);
        _reject(otherOperator, "x");
        requestMove(engineB);
        _reject(agent, stringOf(128));
        assertEq(view_(leaseId).moveTo, 0, "both rejected");
    }

    function test_RevertWhen_RejectedByAnyoneButTheTargetsAgentOrOperator() public {
        requestMove(engineB);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, engineB, operator));
        _reject(operator, "the source would like to keep it"); // the source's operator
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, engineB, stranger));
        _reject(stranger, "griefing");
        assertEq(view_(leaseId).moveTo, engineB, "still pending");
    }

    function test_RevertWhen_TheReasonIsEmpty() public {
        requestMove(engineB);
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "reason", 0, 1, 128));
        _reject(agent, "");
    }

    function test_RevertWhen_TheReasonIsTooLong() public {
        requestMove(engineB);
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "reason", 129, 1, 128));
        _reject(agent, stringOf(129));
    }

    function test_RevertWhen_NoMoveIsPendingToReject() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPendingMove.selector, leaseId));
        _reject(agent, "nothing to reject");
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 7));
        vm.prank(agent);
        escrow.rejectMove(7, "unknown");
    }

    function test_RejectMove_AfterTheWindowStillWorks() public {
        // Rejecting late only does what expireMove would: nothing is gained by waiting for the window.
        requestMove(engineB);
        skip(MOVE_WINDOW + 1);
        _reject(agent, "late");
        assertEq(registry.engine(engineB).activeLeases, 0, "slot freed");
    }
}
