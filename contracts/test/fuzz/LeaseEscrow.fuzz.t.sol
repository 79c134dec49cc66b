// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {LeaseEscrow} from "../../src/LeaseEscrow.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";

// Every input is bounded before it is cast:
// forge-lint: disable-next-item(unsafe-typecast)
/// @notice Lease accrual, claims, refunds, moves and capacity over bounded random prices, deposits and times. The
/// new escrow functions (accepted moves, halts, the deposit minimum, signatures) are in LeaseMoves.fuzz.t.sol.
contract LeaseEscrowFuzzTest is Base {
    function _engine(address who, uint256 price, uint32 capacity) internal returns (uint256) {
        return register(who, MIN_STAKE, advertWith(price, capacity));
    }

    function _expectedAccrued(uint256 price, uint256 elapsed, uint256 deposit) internal pure returns (uint256) {
        uint256 due = price * elapsed / 1 hours;
        return due < deposit ? due : deposit;
    }

    /// @dev The smallest deposit at `price` with the default minimum prepaid period of an hour.
    function _min(uint256 price) internal pure returns (uint256) {
        return price == 0 ? 1 : price;
    }

    /// @dev The `i`-th of many funded picos (a pico holds one lease, so filling an engine takes several).
    function _pico(uint256 i) internal returns (address who) {
        who = address(uint160(0x9000 + i));
        vm.deal(who, 10 ether);
    }

    function testFuzz_Accrual_IsPriceTimesTimeCappedAtTheDeposit(uint256 price, uint256 deposit, uint256 elapsed)
        public
    {
        price = bound(price, 0, 100 ether);
        deposit = bound(deposit, _min(price), 500 ether);
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
        deposit = bound(deposit, _min(price), 100 ether);
        topUp = bound(topUp, 0, 100 ether);
        claimAfter = bound(claimAfter, 0, 1_000 hours);
        closeAfter = bound(closeAfter, 0, 1_000 hours);
        uint256 engineId = _engine(operator, price, 1);
        uint256 leaseId = openLease(engineId, deposit);
        if (topUp > 0) {
            vm.prank(sponsor); // anyone may top up
            escrow.topUp{value: topUp}(pico);
        }

        skip(claimAfter);
        uint256 claimed = claim(operator, engineId, ids(leaseId));
        skip(closeAfter);
        vm.prank(pico);
        uint256 refund = escrow.close();
        claimed += claim(operator, engineId, ids(leaseId));

        uint256 accrued = _expectedAccrued(price, claimAfter + closeAfter, deposit + topUp);
        assertEq(claimed, accrued, "the engine gets what accrued until the close");
        assertEq(refund, deposit + topUp - accrued, "the pico gets the rest");
        assertEq(address(escrow).balance, 0, "nothing stays behind");
    }

    function testFuzz_Claim_InStepsPaysTheSameAsOnce(uint256 price, uint256 t1, uint256 t2, uint256 t3) public {
        price = bound(price, 1, 1 ether);
        t1 = bound(t1, 0, 100 hours);
        t2 = bound(t2, 0, 100 hours);
        t3 = bound(t3, 0, 100 hours);
        uint256 deposit = 5 ether;
        uint256 engineId = _engine(operator, price, 2);
        uint256 stepped = openLease(engineId, deposit);
        vm.prank(_pico(1));
        uint256 once = escrow.openLease{value: deposit}(engineId, ANY_PRICE);

        uint256 total;
        skip(t1);
        total += claim(operator, engineId, ids(stepped));
        skip(t2);
        total += claim(operator, engineId, ids(stepped));
        skip(t3);
        total += claim(operator, engineId, ids(stepped));
        assertEq(total, claim(operator, engineId, ids(once)), "claiming often earns nothing extra");
        assertEq(total, _expectedAccrued(price, t1 + t2 + t3, deposit), "and nothing less");
    }

    function testFuzz_MoveLease_CarriesExactlyWhatIsLeft(uint256 deposit, uint256 elapsed, uint256 newPrice) public {
        deposit = bound(deposit, PRICE, 100 ether);
        elapsed = bound(elapsed, 0, 2_000 hours);
        newPrice = bound(newPrice, 0, 1 ether);
        uint256 from = _engine(operator, PRICE, 1);
        uint256 to = _engine(otherOperator, newPrice, 1);
        uint256 leaseId = openLease(from, deposit);
        skip(elapsed);
        uint256 accrued = _expectedAccrued(PRICE, elapsed, deposit);
        uint256 left = deposit - accrued;

        if (left < _min(newPrice)) {
            vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, left, _min(newPrice), MAX_DEPOSIT));
            requestMove(to);
            return;
        }
        requestMove(to);
        uint256 next = acceptMove(otherOperator, leaseId); // in the same second: nothing more accrues
        assertEq(escrow.lease(leaseId).deposit, accrued, "the old engine keeps what accrued");
        assertEq(escrow.lease(next).deposit, left, "the rest moves");
        assertEq(escrow.lease(next).pricePerHour, newPrice, "at the new price");
        assertEq(registry.engine(from).activeLeases, 0, "old slot freed");
        assertEq(registry.engine(to).activeLeases, 1, "new slot taken");
    }

    function testFuzz_RevertWhen_TheDepositIsOutOfRange(uint256 price, uint256 deposit) public {
        price = bound(price, 0, 100 ether);
        uint256 engineId = _engine(operator, price, 1);
        deposit = deposit % 2 == 0
            ? bound(deposit, 0, _min(price) - 1)
            : bound(deposit, MAX_DEPOSIT + 1, MAX_DEPOSIT * 1_000);
        vm.deal(pico, deposit);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, deposit, _min(price), MAX_DEPOSIT));
        openLease(engineId, deposit);
    }

    function testFuzz_Capacity_IsNeverExceededAndClosesFreeSlots(uint256 capacity, uint256 closes) public {
        capacity = bound(capacity, 1, 12);
        closes = bound(closes, 1, capacity);
        uint256 engineId = _engine(operator, PRICE, uint32(capacity));
        for (uint256 i = 1; i <= capacity; ++i) {
            vm.prank(_pico(i));
            escrow.openLease{value: DEPOSIT}(engineId, ANY_PRICE);
        }
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineId, capacity));
        openLease(engineId, DEPOSIT);

        for (uint256 i = 1; i <= closes; ++i) {
            vm.prank(_pico(i));
            escrow.close();
        }
        assertEq(registry.engine(engineId).activeLeases, capacity - closes, "closes free slots");
        for (uint256 i = 1; i <= closes; ++i) {
            vm.prank(_pico(100 + i));
            escrow.openLease{value: DEPOSIT}(engineId, ANY_PRICE);
        }
        assertEq(registry.engine(engineId).activeLeases, capacity, "full again");
    }
}
