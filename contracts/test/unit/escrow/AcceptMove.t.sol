// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice acceptMove (branches: acceptMove.tree): the target's agent takes a pending move; the source is paid up to
/// the acceptance, the target from then, with what was left, at the price fixed when the pico asked.
contract AcceptMoveTest is EscrowBase {
    uint256 internal engineA; // operator's, PRICE, 1 slot
    uint256 internal engineB; // otherOperator's, 3 * PRICE, 1 slot, agent and payout named
    uint256 internal leaseId;
    uint256 internal deadline;

    /// @dev Accepted 65 minutes into the lease: the source earns 65 minutes at PRICE.
    uint256 internal constant SOURCE_EARNED = PRICE * 65 minutes / 1 hours;

    function setUp() public override {
        super.setUp();
        engineA = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        engineB = register(otherOperator, MIN_STAKE, advertWith(3 * PRICE, 1));
        vm.startPrank(otherOperator);
        registry.setAgent(engineB, agent);
        registry.setPayout(engineB, payout);
        vm.stopPrank();
        leaseId = openLease(engineA, DEPOSIT);
        skip(1 hours);
        requestMove(engineB);
        deadline = block.timestamp + MOVE_WINDOW;
        skip(5 minutes);
    }

    function test_AcceptMove_PaysTheSourceUpToAcceptanceAndCarriesTheRest() public {
        uint256 next = acceptMove(agent, leaseId);

        LeaseEscrow.LeaseView memory old = view_(leaseId);
        assertFalse(old.active, "the source lease ended");
        assertEq(old.deposit, SOURCE_EARNED, "cut to what accrued up to the acceptance");
        assertEq(old.claimable, SOURCE_EARNED, "which the source can claim");
        assertEq(old.moveTo, 0, "no move pending any more");

        LeaseEscrow.LeaseView memory moved = view_(next);
        assertEq(next, 2, "a new lease id");
        assertEq(moved.pico, pico, "the same pico");
        assertEq(moved.engineId, engineB, "on the target");
        assertEq(moved.deposit, DEPOSIT - SOURCE_EARNED, "carrying the rest");
        assertEq(moved.pricePerHour, 3 * PRICE, "at the price fixed at the request");
        assertEq(moved.startedAt, block.timestamp, "accruing from the acceptance");
        assertEq(moved.epoch, 0, "in the target's epoch");
        assertTrue(moved.active, "active");
        assertEq(escrow.currentLease(pico).id, next, "the pico now lives on the target");
        assertEq(address(escrow).balance, DEPOSIT, "no value left the escrow");
    }

    function test_AcceptMove_EmitsLeaseClosedLeaseOpenedAndMoveAccepted() public {
        uint256 carried = DEPOSIT - SOURCE_EARNED;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(leaseId, engineA, pico, ILeaseEscrow.EndReason.Moved, SOURCE_EARNED, 0);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseOpened(2, engineB, pico, carried, 3 * PRICE, 0);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.MoveAccepted(leaseId, 2, pico, engineB, carried);
        acceptMove(agent, leaseId);
    }

    function test_AcceptMove_FreesTheSourceSlotAndTheHeldOneBecomesTheLeases() public {
        acceptMove(agent, leaseId);
        assertEq(registry.engine(engineA).activeLeases, 0, "the source's slot freed");
        assertEq(registry.engine(engineB).activeLeases, 1, "the held slot, not a second one");
        openLeaseAs(newPico("pico2"), engineA, DEPOSIT); // the freed slot is usable again
    }

    function test_AcceptMove_AtThePriceFixedWhenThePicoAsked() public {
        vm.prank(agent);
        registry.updateAdvert(engineB, advertWith(10 * PRICE, 1)); // too late: the price was fixed at the request
        uint256 next = acceptMove(agent, leaseId);
        assertEq(view_(next).pricePerHour, 3 * PRICE, "the requested price, not the new advert's");
    }

    function test_AcceptMove_EachEngineIsPaidForItsOwnTime() public {
        uint256 next = acceptMove(agent, leaseId);
        skip(2 hours);
        uint256 operatorBefore = operator.balance;
        uint256 payoutBefore = payout.balance;
        assertEq(claim(operator, engineA, ids(leaseId)), SOURCE_EARNED, "the source, up to the acceptance");
        assertEq(claim(agent, engineB, ids(next)), 6 * PRICE, "the target, two hours at its price");
        assertEq(operator.balance, operatorBefore + SOURCE_EARNED, "the source's operator is its payout");
        assertEq(payout.balance, payoutBefore + 6 * PRICE, "the target pays its payout address");
        assertEq(closeLease(), DEPOSIT - SOURCE_EARNED - 6 * PRICE, "the pico gets the rest back");
        assertEq(address(escrow).balance, 0, "everything accounted for");
    }

    function test_AcceptMove_ByTheTargetsOperator() public {
        uint256 next = acceptMove(otherOperator, leaseId);
        assertEq(view_(next).engineId, engineB, "the operator holds the agent's powers too");
    }

    function test_AcceptMove_AtTheLastSecondOfTheWindow() public {
        vm.warp(deadline);
        uint256 next = acceptMove(agent, leaseId);
        assertEq(view_(next).deposit, DEPOSIT - accrual(PRICE, 1 hours + MOVE_WINDOW, DEPOSIT), "accepted");
    }

    function test_AcceptMove_AfterTheTargetResumedInANewEpoch() public {
        halt(otherOperator, engineB);
        resume(otherOperator, engineB);
        uint256 next = acceptMove(agent, leaseId);
        assertEq(view_(next).epoch, 1, "the new lease belongs to the running epoch");
        skip(1 hours);
        assertEq(view_(next).accrued, 3 * PRICE, "and accrues");
    }

    function test_RevertWhen_AcceptedAfterTheWindow() public {
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.MoveWindowClosed.selector, leaseId, deadline));
        acceptMove(agent, leaseId);
    }

    function test_RevertWhen_AcceptedByAnyoneButTheTargetsAgentOrOperator() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, engineB, operator));
        acceptMove(operator, leaseId); // the source's operator
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, engineB, pico));
        acceptMove(pico, leaseId);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, engineB, payout));
        acceptMove(payout, leaseId); // the payout address is no key
    }

    function test_RevertWhen_NoMoveIsPending() public {
        acceptMove(agent, leaseId);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPendingMove.selector, leaseId));
        acceptMove(agent, leaseId);
        vm.expectRevert(abi.encodeWithSelector(Errors.NoPendingMove.selector, 2));
        acceptMove(agent, 2);
    }

    function test_RevertWhen_TheLeaseIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 9));
        acceptMove(agent, 9);
    }

    function test_RevertWhen_TheTargetHaltedMeanwhile() public {
        halt(otherOperator, engineB);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineB));
        acceptMove(agent, leaseId);
    }

    function test_RevertWhen_TheLeaseRanDryDuringTheWindow() public {
        // A source dearer than the target: an hour at the target's price is less than the window at the source's.
        address pico2 = newPico("pico2");
        uint256 dear = register(stranger, MIN_STAKE, advertWith(60 * PRICE, 1));
        uint256 cheap = register(stranger, MIN_STAKE, advertWith(PRICE, 1));
        uint256 dry = openLeaseAs(pico2, dear, 60 * PRICE);
        skip(59 minutes); // PRICE left: an hour at the cheap engine's price
        vm.prank(pico2);
        escrow.moveLease(cheap, ANY_PRICE);
        skip(1 minutes);
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseExhausted.selector, dry));
        acceptMove(stranger, dry);
    }
}
