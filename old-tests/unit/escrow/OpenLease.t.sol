// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice openLease (branches: openLease.tree), the registry's slot guard, and the lease views.
contract OpenLeaseTest is Base {
    uint256 internal engineId;

    function setUp() public override {
        super.setUp();
        engineId = register(operator, MIN_STAKE, advertWith(PRICE, 2));
    }

    function test_OpenLease_HoldsTheDepositAtTheEnginesPriceAndTakesASlot() public {
        uint256 leaseId = openLease(engineId, DEPOSIT);

        LeaseEscrow.LeaseView memory l = escrow.lease(leaseId);
        assertEq(leaseId, 1, "ids count from 1");
        assertEq(l.payer, payer, "payer");
        assertEq(l.engineId, engineId, "engine");
        assertEq(l.startedAt, block.timestamp, "started now");
        assertTrue(l.active, "active");
        assertEq(l.deposit, DEPOSIT, "deposit");
        assertEq(l.paid, 0, "nothing paid");
        assertEq(l.pricePerHour, PRICE, "the engine's price");
        assertEq(l.picoDidHash, keccak256(bytes(PICO_DID)), "pico DID hash");
        assertEq(l.accrued, 0, "nothing accrued yet");
        assertEq(l.claimable, 0, "nothing claimable yet");
        assertEq(escrow.leaseCount(), 1, "leaseCount");
        assertEq(registry.engine(engineId).activeLeases, 1, "slot taken");
        assertEq(address(escrow).balance, DEPOSIT, "deposit held by the escrow");
    }

    function test_OpenLease_EmitsLeaseOpened() public {
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseOpened(1, engineId, keccak256(bytes(PICO_DID)), payer, PICO_DID, DEPOSIT, PRICE);
        openLease(engineId, DEPOSIT);
    }

    function test_OpenLease_KeepsItsPriceWhenTheAdvertChanges() public {
        uint256 leaseId = openLease(engineId, DEPOSIT);
        vm.prank(operator);
        registry.updateAdvert(engineId, advertWith(5 * PRICE, 2));
        assertEq(escrow.lease(leaseId).pricePerHour, PRICE, "the old price");
        assertEq(escrow.lease(openLease(engineId, DEPOSIT)).pricePerHour, 5 * PRICE, "a new lease takes the new price");
    }

    function test_OpenLease_AcceptsTheBoundaryDepositsAndDid() public {
        vm.deal(payer, MAX_DEPOSIT + 1 ether);
        uint256 big = openLease(engineId, MAX_DEPOSIT);
        vm.prank(payer);
        uint256 small = escrow.openLease{value: 1}(engineId, stringOf(256));
        assertEq(escrow.lease(big).deposit, MAX_DEPOSIT, "80 bits");
        assertEq(escrow.lease(small).deposit, 1, "one wei");
        assertEq(escrow.lease(small).picoDidHash, keccak256(bytes(stringOf(256))), "longest DID");
    }

    function test_RevertWhen_DepositIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 0, MAX_DEPOSIT));
        openLease(engineId, 0);
    }

    function test_RevertWhen_DepositExceeds80Bits() public {
        vm.deal(payer, MAX_DEPOSIT + 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, MAX_DEPOSIT + 1, MAX_DEPOSIT));
        openLease(engineId, MAX_DEPOSIT + 1);
    }

    function test_RevertWhen_PicoDidIsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "picoDid", 0, 1, 256));
        vm.prank(payer);
        escrow.openLease{value: DEPOSIT}(engineId, "");
    }

    function test_RevertWhen_PicoDidIsTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "picoDid", 257, 1, 256));
        vm.prank(payer);
        escrow.openLease{value: DEPOSIT}(engineId, stringOf(257));
    }

    function test_RevertWhen_TheEngineIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 9));
        openLease(9, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 0));
        openLease(0, DEPOSIT);
    }

    function test_RevertWhen_TheEngineIsFull() public {
        openLease(engineId, DEPOSIT);
        openLease(engineId, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineId, 2));
        openLease(engineId, DEPOSIT);
    }

    function test_RevertWhen_TheCapacityWasLoweredBelowTheActiveLeases() public {
        openLease(engineId, DEPOSIT);
        openLease(engineId, DEPOSIT);
        vm.prank(operator);
        registry.updateAdvert(engineId, advertWith(PRICE, 1));
        assertEq(registry.engine(engineId).activeLeases, 2, "open leases stay");
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineId, 1));
        openLease(engineId, DEPOSIT);
    }

    function test_OpenLease_ASlotFreedByACloseCanBeTakenAgain() public {
        uint256 first = openLease(engineId, DEPOSIT);
        openLease(engineId, DEPOSIT);
        vm.prank(payer);
        escrow.close(first);
        assertEq(registry.engine(engineId).activeLeases, 1, "slot freed");
        openLease(engineId, DEPOSIT);
        assertEq(registry.engine(engineId).activeLeases, 2, "slot taken again");
    }

    function test_RevertWhen_TheEngineIsDelisted() public {
        vm.prank(operator);
        registry.requestUnbond(engineId, 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineId));
        openLease(engineId, DEPOSIT);
    }

    function test_RevertWhen_TheEngineWasSlashedOut() public {
        vm.warp(openChallenge(engineId) + 1);
        registry.executeChallenge(engineId);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineId));
        openLease(engineId, DEPOSIT);
    }

    function test_RevertWhen_TheEngineWasSlashedOutByAnArbiter() public {
        vm.prank(arbiter);
        registry.arbiterSlash(engineId, 1, REASON_CID);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineId));
        openLease(engineId, DEPOSIT);
    }

    function test_RevertWhen_SomeoneButTheEscrowTakesOrFreesASlot() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, stranger));
        vm.prank(stranger);
        registry.occupySlot(engineId);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, operator));
        vm.prank(operator);
        registry.releaseSlot(engineId);
    }

    function test_RevertWhen_ViewingAnUnknownLease() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 0));
        escrow.lease(0);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 1));
        escrow.lease(1);
    }

    function test_OpenLease_WorksOnAZeroPriceEngineThatNeverAccrues() public {
        IEngineRegistry.Advert memory free = advertWith(0, 1);
        uint256 freeEngine = register(otherOperator, MIN_STAKE, free);
        uint256 leaseId = openLease(freeEngine, DEPOSIT);
        skip(365 days);
        assertEq(escrow.lease(leaseId).accrued, 0, "free hosting");
        vm.prank(payer);
        assertEq(escrow.close(leaseId), DEPOSIT, "everything back");
    }
}
