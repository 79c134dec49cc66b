// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice expireMove (branches: expireMove.tree): once the move window has run out, anyone ends a pending move the
/// target neither accepted nor rejected; the lease stays exactly as it was and the held slot is freed.
contract ExpireMoveTest is EscrowBase {
    uint256 internal engineA; // operator's, PRICE, 1 slot
    uint256 internal engineB; // otherOperator's, 3 * PRICE, 1 slot
    uint256 internal leaseId;
    uint256 internal deadline;

    function setUp() public override {
        super.setUp();
        engineA = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        engineB = register(otherOperator, MIN_STAKE, advertWith(3 * PRICE, 1));
        leaseId = openLease(engineA, DEPOSIT);
        requestMove(engineB);
        deadline = block.timestamp + MOVE_WINDOW;
    }

    function _expire() internal {
        vm.prank(stranger);
        escrow.expireMove(leaseId);
    }

    function test_ExpireMove_LeavesTheLeaseExactlyAsItWas() public {
        vm.warp(deadline + 1);
        _expire();
        LeaseEscrow.LeaseView memory l = view_(leaseId);
        assertTrue(l.active, "still active");
        assertEq(l.engineId, engineA, "on the source");
        assertEq(l.deposit, DEPOSIT, "same deposit");
        assertEq(l.accrued, accrual(PRICE, MOVE_WINDOW + 1, DEPOSIT), "the source earned the window");
        assertEq(l.moveTo, 0, "no move pending");
        assertEq(l.movePrice, 0, "no price held");
        assertEq(l.moveDeadline, 0, "no deadline");
        assertEq(escrow.currentLease(pico).id, leaseId, "the pico lives where it did");
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPendingMove.selector, leaseId));
        acceptMove(otherOperator, leaseId);
    }

    function test_ExpireMove_EmitsMoveExpiredAndFreesTheTargetSlot() public {
        vm.warp(deadline + 1);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.MoveExpired(leaseId, engineB, pico);
        _expire();
        assertEq(registry.engine(engineB).activeLeases, 0, "the target's slot freed");
        assertEq(registry.engine(engineA).activeLeases, 1, "the source's kept");
    }

    function test_ExpireMove_ThePicoMayThenMoveElsewhere() public {
        uint256 engineC = register(stranger, MIN_STAKE, advertWith(PRICE, 1));
        vm.warp(deadline + 1);
        _expire();
        requestMove(engineC);
        assertEq(view_(leaseId).moveTo, engineC, "a new move pending");
    }

    function test_RevertWhen_TheWindowIsStillOpen() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.MoveWindowOpen.selector, leaseId, deadline));
        _expire();
        vm.warp(deadline); // the last second belongs to the target
        vm.expectRevert(abi.encodeWithSelector(Errors.MoveWindowOpen.selector, leaseId, deadline));
        _expire();
    }

    function test_RevertWhen_NoMoveIsPendingToExpire() public {
        acceptMove(otherOperator, leaseId);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPendingMove.selector, leaseId));
        _expire();
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 9));
        escrow.expireMove(9);
    }

    function test_RevertWhen_AcceptedAfterItExpired() public {
        vm.warp(deadline + 1);
        _expire();
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPendingMove.selector, leaseId));
        acceptMove(otherOperator, leaseId);
        assertEq(escrow.currentLease(pico).engineId, engineA, "the pico stays on the source");
    }
}
