// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice moveLease (branches: moveLease.tree).
contract MoveLeaseTest is Base {
    uint256 internal engineA; // operator's, PRICE, 1 slot
    uint256 internal engineB; // otherOperator's, 3 * PRICE, 1 slot
    uint256 internal leaseId;

    function setUp() public override {
        super.setUp();
        engineA = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        engineB = register(otherOperator, MIN_STAKE, advertWith(3 * PRICE, 1));
        leaseId = openLease(engineA, DEPOSIT);
    }

    function _move(uint256 to) internal returns (uint256) {
        vm.prank(payer);
        return escrow.moveLease(leaseId, to);
    }

    function test_RevertWhen_TheCallerIsNotThePayer() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPayer.selector, leaseId, operator, payer));
        vm.prank(operator);
        escrow.moveLease(leaseId, engineB);
    }

    function test_RevertWhen_TheLeaseIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 9));
        vm.prank(payer);
        escrow.moveLease(9, engineB);
    }

    function test_RevertWhen_TheLeaseIsClosed() public {
        vm.prank(payer);
        escrow.close(leaseId);
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotActive.selector, leaseId));
        _move(engineB);
    }

    function test_RevertWhen_TheLeaseWasAlreadyMoved() public {
        _move(engineB);
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotActive.selector, leaseId));
        _move(engineA);
    }

    function test_RevertWhen_TheNewEngineIsTheSameEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.SameEngine.selector, leaseId, engineA));
        _move(engineA);
    }

    function test_RevertWhen_TheLeaseIsExhausted() public {
        skip(10 hours); // exactly the deposit
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseExhausted.selector, leaseId));
        _move(engineB);
    }

    function test_RevertWhen_TheNewEngineIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 3));
        _move(3);
    }

    function test_RevertWhen_TheNewEngineIsDelisted() public {
        vm.prank(otherOperator);
        registry.requestUnbond(engineB, 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineB));
        _move(engineB);
        assertTrue(escrow.lease(leaseId).active, "the lease stays where it was");
    }

    function test_RevertWhen_TheNewEngineIsFull() public {
        vm.prank(stranger);
        escrow.openLease{value: DEPOSIT}(engineB, PICO_DID);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineB, 1));
        _move(engineB);
        assertTrue(escrow.lease(leaseId).active, "the lease stays where it was");
        assertEq(registry.engine(engineA).activeLeases, 1, "and keeps its slot");
    }

    function test_MoveLease_CarriesTheRestToTheNewEngineAtItsPrice() public {
        skip(1 hours);
        uint256 carried = DEPOSIT - PRICE;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(leaseId, engineA, PRICE, 0);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseMoved(leaseId, 2, engineB, engineA, keccak256(bytes(PICO_DID)), carried, 3 * PRICE);
        uint256 next = _move(engineB);

        LeaseEscrow.LeaseView memory moved = escrow.lease(next);
        assertEq(next, 2, "a new lease id");
        assertEq(moved.payer, payer, "same payer");
        assertEq(moved.engineId, engineB, "new engine");
        assertEq(moved.deposit, carried, "carries what was left");
        assertEq(moved.pricePerHour, 3 * PRICE, "at the new engine's price");
        assertEq(moved.startedAt, block.timestamp, "accrues from now");
        assertEq(moved.picoDidHash, keccak256(bytes(PICO_DID)), "same pico");
        assertTrue(moved.active, "active");

        LeaseEscrow.LeaseView memory old = escrow.lease(leaseId);
        assertFalse(old.active, "old lease closed");
        assertEq(old.deposit, PRICE, "old deposit cut to what accrued");
        assertEq(address(escrow).balance, DEPOSIT, "no value moved");
    }

    function test_MoveLease_FreesTheOldSlotAndTakesANewOne() public {
        _move(engineB);
        assertEq(registry.engine(engineA).activeLeases, 0, "old slot freed");
        assertEq(registry.engine(engineB).activeLeases, 1, "new slot taken");
        openLease(engineA, DEPOSIT); // the freed slot is usable again
    }

    function test_MoveLease_EachEngineIsPaidForItsOwnTime() public {
        skip(1 hours);
        uint256 next = _move(engineB);
        skip(2 hours);
        assertEq(claim(operator, ids(leaseId)), PRICE, "the old engine keeps what accrued");
        assertEq(claim(otherOperator, ids(next)), 6 * PRICE, "the new one, two hours at its price");
        vm.prank(payer);
        assertEq(escrow.close(next), DEPOSIT - PRICE - 6 * PRICE, "the payer gets the rest back");
        assertEq(address(escrow).balance, 0, "everything accounted for");
    }

    function test_MoveLease_BackToTheFirstEngine() public {
        uint256 next = _move(engineB);
        vm.prank(payer);
        uint256 back = escrow.moveLease(next, engineA);
        assertEq(escrow.lease(back).engineId, engineA, "home again");
        assertEq(escrow.lease(back).deposit, DEPOSIT, "nothing accrued in between");
    }
}
