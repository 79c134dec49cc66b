// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {LeaseEscrow} from "../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../src/interfaces/ILeaseEscrow.sol";
import {Base} from "../utils/Base.t.sol";
import {Reenterer} from "../mocks/Reenterer.sol";

contract LeasesTest is Base {
    string internal constant DID = "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH";
    uint256 internal engineA;
    uint256 internal engineB;

    function setUp() public override {
        super.setUp();
        engineA = _register(operator, 1 ether, advertWith(PRICE, 2));
        engineB = _register(otherOperator, 1 ether, advertWith(2 * PRICE, 1));
    }

    function _claim(address who, uint256 leaseId) internal returns (uint256) {
        uint256[] memory ids = new uint256[](1);
        ids[0] = leaseId;
        vm.prank(who);
        return escrow.claim(ids);
    }

    function test_OpenLeaseKeepsThePriceTheDidAndASlot() public {
        vm.expectEmit(true, true, true, true);
        emit ILeaseEscrow.LeaseOpened(1, engineA, keccak256(bytes(DID)), payer, DID, 0.01 ether, PRICE);
        uint256 leaseId = _open(engineA, 0.01 ether);

        LeaseEscrow.LeaseView memory l = escrow.lease(leaseId);
        vm.assertEq(l.payer, payer, "payer");
        vm.assertEq(l.engineId, engineA, "engine");
        vm.assertEq(l.pricePerHour, PRICE, "price");
        vm.assertEq(l.picoDidHash, keccak256(bytes(DID)), "did");
        vm.assertEq(registry.engine(engineA).activeLeases, 1, "slot taken");
        vm.assertEq(address(escrow).balance, 0.01 ether, "deposit held");
    }

    function test_RevertWhen_OpeningWithBadInput() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 0, type(uint80).max));
        _open(engineA, 0);
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "picoDid", 0, 1, 256));
        vm.prank(payer);
        escrow.openLease{value: 1 ether}(engineA, "");
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 9));
        _open(9, 1 ether);
    }

    function test_RevertWhen_TheEngineIsFull() public {
        _open(engineB, 0.01 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineB, 1));
        _open(engineB, 0.01 ether);
    }

    function test_RevertWhen_TheEngineIsDelisted() public {
        vm.prank(operator);
        registry.requestUnbond(engineA, 0.5 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineA));
        _open(engineA, 0.01 ether);
    }

    function test_RevertWhen_SomeoneButTheEscrowTakesASlot() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, stranger));
        vm.prank(stranger);
        registry.occupySlot(engineA);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, stranger));
        vm.prank(stranger);
        registry.releaseSlot(engineA);
    }

    function test_AccruesByTheSecondCappedAtTheDeposit() public {
        uint256 leaseId = _open(engineA, 0.01 ether);
        vm.warp(block.timestamp + 30 minutes);
        vm.assertEq(escrow.lease(leaseId).accrued, PRICE / 2, "half an hour");
        vm.warp(block.timestamp + 100 hours);
        vm.assertEq(escrow.lease(leaseId).accrued, 0.01 ether, "capped at the deposit");
    }

    function test_TheOperatorClaimsInBatchesAcrossEngines() public {
        uint256 first = _open(engineA, 0.01 ether);
        uint256 second = _open(engineA, 0.01 ether);
        vm.warp(block.timestamp + 2 hours);
        uint256[] memory ids = new uint256[](2);
        ids[0] = first;
        ids[1] = second;
        uint256 before = operator.balance;
        vm.prank(operator);
        uint256 total = escrow.claim(ids);
        vm.assertEq(total, 4 * PRICE, "two leases, two hours");
        vm.assertEq(operator.balance, before + total, "paid");
        vm.assertEq(_claim(operator, first), 0, "nothing twice");
    }

    function test_RevertWhen_ClaimedByANonOperator() public {
        uint256 leaseId = _open(engineA, 0.01 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotLeaseOperator.selector, leaseId, otherOperator, operator));
        _claim(otherOperator, leaseId);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownLease.selector, 99));
        _claim(operator, 99);
    }

    function test_RevertWhen_OneBatchSpansAnotherOperatorsEngine() public {
        uint256 mine = _open(engineA, 0.01 ether);
        uint256 theirs = _open(engineB, 0.01 ether);
        uint256[] memory ids = new uint256[](2);
        ids[0] = mine;
        ids[1] = theirs;
        vm.expectRevert(abi.encodeWithSelector(Errors.NotLeaseOperator.selector, theirs, operator, otherOperator));
        vm.prank(operator);
        escrow.claim(ids);
    }

    function test_TopUpAddsToTheDeposit() public {
        uint256 leaseId = _open(engineA, 0.01 ether);
        vm.prank(payer);
        escrow.topUp{value: 0.02 ether}(leaseId);
        vm.assertEq(escrow.lease(leaseId).deposit, 0.03 ether, "deposit");
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPayer.selector, leaseId, stranger, payer));
        vm.prank(stranger);
        escrow.topUp{value: 1}(leaseId);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, 0, type(uint80).max));
        vm.prank(payer);
        escrow.topUp(leaseId);
    }

    function test_CloseRefundsWhatHasNotAccruedAndTheEngineStillClaims() public {
        uint256 leaseId = _open(engineA, 0.01 ether);
        vm.warp(block.timestamp + 3 hours);
        uint256 before = payer.balance;
        vm.expectEmit(true, true, true, true);
        emit ILeaseEscrow.LeaseClosed(leaseId, engineA, 3 * PRICE, 0.01 ether - 3 * PRICE);
        vm.prank(payer);
        uint256 refund = escrow.close(leaseId);

        vm.assertEq(refund, 0.01 ether - 3 * PRICE, "refund");
        vm.assertEq(payer.balance, before + refund, "refunded");
        vm.assertEq(registry.engine(engineA).activeLeases, 0, "slot freed");
        vm.warp(block.timestamp + 10 hours);
        vm.assertEq(_claim(operator, leaseId), 3 * PRICE, "what accrued until the close, no more");
        vm.assertEq(address(escrow).balance, 0, "all paid out");
    }

    function test_RevertWhen_ClosedByANonPayerOrTwice() public {
        uint256 leaseId = _open(engineA, 0.01 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPayer.selector, leaseId, operator, payer));
        vm.prank(operator);
        escrow.close(leaseId);
        vm.prank(payer);
        escrow.close(leaseId);
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotActive.selector, leaseId));
        vm.prank(payer);
        escrow.close(leaseId);
    }

    function test_MoveLeaseCarriesWhatIsLeftAtTheNewPrice() public {
        uint256 leaseId = _open(engineA, 0.01 ether);
        vm.warp(block.timestamp + 1 hours);
        vm.expectEmit(true, true, true, true);
        emit ILeaseEscrow.LeaseMoved(leaseId, 2, engineB, engineA, keccak256(bytes(DID)), 0.01 ether - PRICE, 2 * PRICE);
        vm.prank(payer);
        uint256 next = escrow.moveLease(leaseId, engineB);

        LeaseEscrow.LeaseView memory moved = escrow.lease(next);
        vm.assertEq(moved.deposit, 0.01 ether - PRICE, "carried");
        vm.assertEq(moved.pricePerHour, 2 * PRICE, "new engine's price");
        vm.assertEq(moved.picoDidHash, keccak256(bytes(DID)), "same pico");
        vm.assertFalse(escrow.lease(leaseId).active, "old lease closed");
        vm.assertEq(registry.engine(engineA).activeLeases, 0, "old slot freed");
        vm.assertEq(registry.engine(engineB).activeLeases, 1, "new slot taken");
        vm.assertEq(_claim(operator, leaseId), PRICE, "the old engine keeps what accrued");
    }

    function test_RevertWhen_MoveIsPointless() public {
        uint256 leaseId = _open(engineA, 0.01 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.SameEngine.selector, leaseId, engineA));
        vm.prank(payer);
        escrow.moveLease(leaseId, engineA);
        vm.warp(block.timestamp + 1_000 hours);
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseExhausted.selector, leaseId));
        vm.prank(payer);
        escrow.moveLease(leaseId, engineB);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPayer.selector, leaseId, stranger, payer));
        vm.prank(stranger);
        escrow.moveLease(leaseId, engineB);
    }

    function test_RevertWhen_MovingToAFullEngine() public {
        _open(engineB, 0.01 ether);
        uint256 leaseId = _open(engineA, 0.01 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineB, 1));
        vm.prank(payer);
        escrow.moveLease(leaseId, engineB);
        vm.assertTrue(escrow.lease(leaseId).active, "the lease stays where it was");
    }

    function test_RevertWhen_ClaimOrCloseIsReentered() public {
        Reenterer evilPayer = new Reenterer();
        vm.deal(address(evilPayer), 1 ether);
        bytes memory ret = evilPayer.act(address(escrow), abi.encodeCall(escrow.openLease, (engineA, DID)), 0.01 ether);
        uint256 leaseId = abi.decode(ret, (uint256));
        evilPayer.arm(address(escrow), abi.encodeCall(escrow.close, (leaseId)));
        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(evilPayer), 0.01 ether));
        evilPayer.act(address(escrow), abi.encodeCall(escrow.close, (leaseId)), 0);
        vm.assertTrue(escrow.lease(leaseId).active, "still open");
        vm.assertEq(address(escrow).balance, 0.01 ether, "deposit intact");

        Reenterer evilOperator = new Reenterer();
        vm.deal(address(evilOperator), 2 ether);
        ret = evilOperator.act(address(registry), abi.encodeCall(registry.register, (advert())), 1 ether);
        uint256 engine = abi.decode(ret, (uint256));
        uint256 own = _open(engine, 0.01 ether);
        vm.warp(block.timestamp + 1 hours);
        uint256[] memory ids = new uint256[](1);
        ids[0] = own;
        evilOperator.arm(address(escrow), abi.encodeCall(escrow.claim, (ids)));
        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(evilOperator), PRICE));
        evilOperator.act(address(escrow), abi.encodeCall(escrow.claim, (ids)), 0);
        vm.assertEq(escrow.lease(own).paid, 0, "nothing paid");
    }
}
