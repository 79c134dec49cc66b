// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {LeaseEscrow} from "../../src/LeaseEscrow.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";

// Every input is bounded before it is cast:
// forge-lint: disable-next-item(unsafe-typecast)
/// @notice Lease accrual, claims, refunds and moves over bounded random prices, deposits and times.
contract LeaseEscrowFuzzTest is Base {
    function _engine(address who, uint256 price, uint32 capacity) internal returns (uint256) {
        return register(who, MIN_STAKE, advertWith(price, capacity));
    }

    function _expectedAccrued(uint256 price, uint256 elapsed, uint256 deposit) internal pure returns (uint256) {
        uint256 due = price * elapsed / 1 hours;
        return due < deposit ? due : deposit;
    }

    function testFuzz_Accrual_IsPriceTimesTimeCappedAtTheDeposit(uint256 price, uint256 deposit, uint256 elapsed)
        public
    {
        price = bound(price, 0, type(uint72).max);
        deposit = bound(deposit, 1, 500 ether);
        elapsed = bound(elapsed, 0, 3_650 days);
        uint256 leaseId = openLease(_engine(operator, price, 1), deposit);
        skip(elapsed);

        LeaseEscrow.LeaseView memory l = escrow.lease(leaseId);
        assertEq(l.accrued, _expectedAccrued(price, elapsed, deposit), "accrued");
        assertLe(l.accrued, l.deposit, "never beyond the deposit");
    }

    function testFuzz_ClaimsAndRefundAddUpToTheDeposits(
        uint256 price,
        uint256 deposit,
        uint256 topUp,
        uint256 claimAfter,
        uint256 closeAfter
    ) public {
        price = bound(price, 0, 1 ether);
        deposit = bound(deposit, 1, 100 ether);
        topUp = bound(topUp, 0, 100 ether);
        claimAfter = bound(claimAfter, 0, 1_000 hours);
        closeAfter = bound(closeAfter, 0, 1_000 hours);
        uint256 leaseId = openLease(_engine(operator, price, 1), deposit);
        if (topUp > 0) {
            vm.prank(payer);
            escrow.topUp{value: topUp}(leaseId);
        }

        skip(claimAfter);
        uint256 claimed = claim(operator, ids(leaseId));
        skip(closeAfter);
        vm.prank(payer);
        uint256 refund = escrow.close(leaseId);
        claimed += claim(operator, ids(leaseId));

        uint256 accrued = _expectedAccrued(price, claimAfter + closeAfter, deposit + topUp);
        assertEq(claimed, accrued, "the engine gets what accrued until the close");
        assertEq(refund, deposit + topUp - accrued, "the payer gets the rest");
        assertEq(address(escrow).balance, 0, "nothing stays behind");
    }

    function testFuzz_Claim_InStepsPaysTheSameAsOnce(uint256 price, uint256 t1, uint256 t2, uint256 t3) public {
        price = bound(price, 1, 1 ether);
        t1 = bound(t1, 0, 100 hours);
        t2 = bound(t2, 0, 100 hours);
        t3 = bound(t3, 0, 100 hours);
        uint256 deposit = 50 ether;
        uint256 stepped = openLease(_engine(operator, price, 2), deposit);
        uint256 once = openLease(1, deposit);

        uint256 total;
        skip(t1);
        total += claim(operator, ids(stepped));
        skip(t2);
        total += claim(operator, ids(stepped));
        skip(t3);
        total += claim(operator, ids(stepped));
        assertEq(total, claim(operator, ids(once)), "claiming often earns nothing extra");
        assertEq(total, _expectedAccrued(price, t1 + t2 + t3, deposit), "and nothing less");
    }

    function testFuzz_MoveLease_CarriesExactlyWhatIsLeft(uint256 deposit, uint256 elapsed, uint256 newPrice) public {
        deposit = bound(deposit, 1 gwei, 100 ether);
        elapsed = bound(elapsed, 0, 2_000 hours);
        newPrice = bound(newPrice, 0, 1 ether);
        uint256 from = _engine(operator, PRICE, 1);
        uint256 to = _engine(otherOperator, newPrice, 1);
        uint256 leaseId = openLease(from, deposit);
        skip(elapsed);
        uint256 accrued = _expectedAccrued(PRICE, elapsed, deposit);

        vm.prank(payer);
        if (accrued == deposit) {
            vm.expectRevert(abi.encodeWithSelector(Errors.LeaseExhausted.selector, leaseId));
            escrow.moveLease(leaseId, to);
            return;
        }
        uint256 next = escrow.moveLease(leaseId, to);
        assertEq(escrow.lease(leaseId).deposit, accrued, "the old engine keeps what accrued");
        assertEq(escrow.lease(next).deposit, deposit - accrued, "the rest moves");
        assertEq(escrow.lease(next).pricePerHour, newPrice, "at the new price");
        assertEq(registry.engine(from).activeLeases, 0, "old slot freed");
        assertEq(registry.engine(to).activeLeases, 1, "new slot taken");
    }

    function testFuzz_RevertWhen_TheDepositIsOutOfRange(uint256 deposit) public {
        deposit = deposit % 2 == 0 ? 0 : bound(deposit, MAX_DEPOSIT + 1, MAX_DEPOSIT * 1_000);
        uint256 engineId = _engine(operator, PRICE, 1);
        vm.deal(payer, deposit);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, deposit, MAX_DEPOSIT));
        openLease(engineId, deposit);
    }

    function testFuzz_Capacity_IsNeverExceededAndClosesFreeSlots(uint256 capacity, uint256 closes) public {
        capacity = bound(capacity, 1, 12);
        closes = bound(closes, 1, capacity);
        uint256 engineId = _engine(operator, PRICE, uint32(capacity));
        for (uint256 i = 1; i <= capacity; ++i) {
            openLease(engineId, DEPOSIT);
        }
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineId, capacity));
        openLease(engineId, DEPOSIT);

        for (uint256 leaseId = 1; leaseId <= closes; ++leaseId) {
            vm.prank(payer);
            escrow.close(leaseId);
        }
        assertEq(registry.engine(engineId).activeLeases, capacity - closes, "closes free slots");
        for (uint256 i = 0; i < closes; ++i) {
            openLease(engineId, DEPOSIT);
        }
        assertEq(registry.engine(engineId).activeLeases, capacity, "full again");
    }
}
