// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice openLease (branches: openLease.tree), the registry's slot guard, and the lease views. The price guard
/// and the deposit minimum as attacks are in Attacks.t.sol; halts in Halt.t.sol; openLeaseFor in Signatures.t.sol.
contract OpenLeaseTest is EscrowBase {
    uint256 internal engineId;
    address internal pico2;
    address internal pico3;

    function setUp() public override {
        super.setUp();
        engineId = register(operator, MIN_STAKE, advertWith(PRICE, 2));
        pico2 = newPico("pico2");
        pico3 = newPico("pico3");
    }

    function test_OpenLease_HoldsTheDepositAtTheEnginesPriceAndTakesASlot() public {
        uint256 leaseId = openLease(engineId, DEPOSIT);

        LeaseEscrow.LeaseView memory l = view_(leaseId);
        assertEq(leaseId, 1, "ids count from 1");
        assertEq(l.id, leaseId, "id");
        assertEq(l.pico, pico, "the lease is the pico's");
        assertEq(l.engineId, engineId, "engine");
        assertEq(l.startedAt, block.timestamp, "started now");
        assertTrue(l.active, "active");
        assertEq(l.deposit, DEPOSIT, "deposit");
        assertEq(l.paid, 0, "nothing paid");
        assertEq(l.pricePerHour, PRICE, "the engine's price");
        assertEq(l.epoch, 0, "the engine's epoch");
        assertEq(l.accrued, 0, "nothing accrued yet");
        assertEq(l.claimable, 0, "nothing claimable yet");
        assertEq(l.moveTo, 0, "no move pending");
        assertEq(escrow.leaseCount(), 1, "leaseCount");
        assertEq(registry.engine(engineId).activeLeases, 1, "slot taken");
        assertEq(address(escrow).balance, DEPOSIT, "deposit held by the escrow");
    }

    function test_OpenLease_EmitsLeaseOpened() public {
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseOpened(1, engineId, pico, DEPOSIT, PRICE, 0);
        openLease(engineId, DEPOSIT);
    }

    function test_OpenLease_BecomesThePicosCurrentLease() public {
        uint256 leaseId = openLease(engineId, DEPOSIT);
        LeaseEscrow.LeaseView memory current = escrow.currentLease(pico);
        assertEq(current.id, leaseId, "where the pico lives");
        assertEq(current.engineId, engineId, "on this engine");
        assertEq(escrow.currentLease(pico2).id, 0, "another pico has none");
    }

    function test_CurrentLease_OfAPicoWithoutLeaseIsEmpty() public view {
        LeaseEscrow.LeaseView memory none = escrow.currentLease(stranger);
        assertEq(none.id, 0, "no lease id");
        assertEq(none.pico, stranger, "names the pico asked about");
        assertFalse(none.active, "not active");
        assertEq(none.engineId, 0, "no engine");
    }

    function test_OpenLease_AcceptsThePricesAndDepositsAtTheirBounds() public {
        vm.prank(pico);
        uint256 exact = escrow.openLease{value: PRICE}(engineId, PRICE); // max price = price, one hour prepaid
        vm.deal(pico2, MAX_DEPOSIT + 1 ether);
        uint256 big = openLeaseAs(pico2, engineId, MAX_DEPOSIT);
        assertEq(view_(exact).deposit, PRICE, "the smallest deposit: the minimum prepaid period");
        assertEq(view_(exact).pricePerHour, PRICE, "a max equal to the price is accepted");
        assertEq(view_(big).deposit, MAX_DEPOSIT, "the largest: 80 bits");
    }

    function test_RevertWhen_DepositIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 0, PRICE, MAX_DEPOSIT));
        openLease(engineId, 0);
    }

    function test_RevertWhen_DepositExceeds80Bits() public {
        vm.deal(pico, MAX_DEPOSIT + 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, MAX_DEPOSIT + 1, PRICE, MAX_DEPOSIT));
        openLease(engineId, MAX_DEPOSIT + 1);
    }

    function test_OpenLease_TheMinimumDepositRoundsUpToTheWei() public {
        // 90 minutes prepaid at 7 wei an hour is 10.5 wei: the pico pays 11, never less than the period.
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minPrepaidPeriod = 90 minutes;
        deploy(p);
        uint256 odd = register(operator, MIN_STAKE, advertWith(7, 1));
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 10, 11, MAX_DEPOSIT));
        openLease(odd, 10);
        assertEq(view_(openLease(odd, 11)).deposit, 11, "the rounded-up minimum is enough");
    }

    function test_OpenLease_AFreeEngineStillNeedsOneWeiAndNeverAccrues() public {
        uint256 free = register(otherOperator, MIN_STAKE, advertWith(0, 1));
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 0, 1, MAX_DEPOSIT));
        openLease(free, 0);
        uint256 leaseId = openLease(free, 1);
        skip(365 days);
        assertEq(view_(leaseId).accrued, 0, "free hosting");
        assertEq(closeLease(), 1, "the wei comes back");
    }

    function test_RevertWhen_TheEngineIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 9));
        openLease(9, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 0));
        openLease(0, DEPOSIT);
    }

    function test_RevertWhen_TheEngineIsFull() public {
        openLeaseAs(pico2, engineId, DEPOSIT);
        openLeaseAs(pico3, engineId, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineId, 2));
        openLease(engineId, DEPOSIT);
        assertEq(escrow.currentLease(pico).id, 0, "the pico has no lease");
    }

    function test_RevertWhen_TheCapacityWasLoweredBelowTheActiveLeases() public {
        openLeaseAs(pico2, engineId, DEPOSIT);
        openLeaseAs(pico3, engineId, DEPOSIT);
        vm.prank(operator);
        registry.updateAdvert(engineId, advertWith(PRICE, 1));
        assertEq(registry.engine(engineId).activeLeases, 2, "open leases stay");
        vm.prank(pico3);
        escrow.close();
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineId, 1));
        openLease(engineId, DEPOSIT);
    }

    function test_OpenLease_ASlotFreedByACloseCanBeTakenAgain() public {
        openLeaseAs(pico2, engineId, DEPOSIT);
        openLease(engineId, DEPOSIT);
        closeLease();
        assertEq(registry.engine(engineId).activeLeases, 1, "slot freed");
        openLeaseAs(pico3, engineId, DEPOSIT);
        assertEq(registry.engine(engineId).activeLeases, 2, "slot taken again");
    }

    function test_OpenLease_AClosedPicoCanOpenAgain() public {
        uint256 first = openLease(engineId, DEPOSIT);
        closeLease();
        uint256 second = openLease(engineId, DEPOSIT);
        assertEq(second, first + 1, "a new lease");
        assertEq(escrow.currentLease(pico).id, second, "now the current one");
    }

    function test_RevertWhen_TheEngineIsHaltedByItsUnbonding() public {
        halt(operator, engineId);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineId));
        openLease(engineId, DEPOSIT);
    }

    function test_RevertWhen_TheEngineWasSlashedOutByAChallenge() public {
        uint256 challengeId = openChallenge(engineId);
        skip(WINDOW + 1);
        registry.executeChallenge(challengeId);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineId));
        openLease(engineId, DEPOSIT);
    }

    function test_RevertWhen_TheEngineWasSlashedOutByAnArbiter() public {
        vm.prank(arbiter);
        registry.arbiterSlash(engineId, keccak256("case 1"), 1, REASON_CID);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineId));
        openLease(engineId, DEPOSIT);
    }

    function test_RevertWhen_SomeoneButTheEscrowTakesOrFreesASlot() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, stranger));
        vm.prank(stranger);
        registry.occupySlot(engineId, ANY_PRICE);
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
}
