// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {LeaseEscrow} from "../../src/LeaseEscrow.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {ILeaseEscrow} from "../../src/interfaces/ILeaseEscrow.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";

// Every input is bounded before it is cast:
// forge-lint: disable-next-item(unsafe-typecast)
/// @notice v2's escrow functions over bounded random inputs: two-phase moves conserve value, halts stop accrual,
/// the deposit minimum is exact, expiry waits for exhaustion, signatures hold until their deadline.
contract LeaseMovesFuzzTest is Base {
    /// @dev The order of secp256k1: valid private keys are below it.
    uint256 internal constant SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function _accrual(uint256 price, uint256 elapsed, uint256 deposit) internal pure returns (uint256) {
        uint256 due = price * elapsed / 1 hours;
        return due < deposit ? due : deposit;
    }

    /// @dev The smallest deposit at `price` for `period` seconds: rounded up, at least a wei.
    function _min(uint256 price, uint256 period) internal pure returns (uint256 min) {
        min = (price * period + 1 hours - 1) / 1 hours;
        if (min == 0) min = 1;
    }

    /// @dev The engines and lease of a move under test (storage, so the fuzz test stays within the stack).
    uint256 internal source;
    uint256 internal target;
    uint256 internal fromLease;

    function testFuzz_AcceptMove_ConservesTheDeposit(
        uint256 sourcePrice,
        uint256 targetPrice,
        uint256 deposit,
        uint256 requestAfter,
        uint256 acceptAfter,
        uint256 advertPrice
    ) public {
        sourcePrice = bound(sourcePrice, 0, 1 ether);
        targetPrice = bound(targetPrice, 0, 1 ether);
        deposit = bound(deposit, _min(sourcePrice, MIN_PREPAID), 100 ether);
        // Up to an hour past the deposit's lifetime at the source, so that most runs still have something to move.
        uint256 lifetime = sourcePrice == 0 ? 500 hours : deposit * 1 hours / sourcePrice;
        requestAfter = bound(requestAfter, 0, (lifetime < 500 hours ? lifetime : 500 hours) + 1 hours);
        acceptAfter = bound(acceptAfter, 0, MOVE_WINDOW);
        source = register(operator, MIN_STAKE, advertWith(sourcePrice, 1));
        target = register(otherOperator, MIN_STAKE, advertWith(targetPrice, 1));
        fromLease = openLease(source, deposit);
        skip(requestAfter);

        uint256 left = deposit - _accrual(sourcePrice, requestAfter, deposit);
        if (left < _min(targetPrice, MIN_PREPAID)) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    Errors.InvalidDeposit.selector, left, _min(targetPrice, MIN_PREPAID), MAX_DEPOSIT
                )
            );
            requestMove(target);
            return;
        }
        requestMove(target);
        vm.prank(otherOperator);
        registry.updateAdvert(target, advertWith(bound(advertPrice, 0, 1 ether), 1)); // too late: the price is fixed
        skip(acceptAfter);

        uint256 sourceEarned = _accrual(sourcePrice, requestAfter + acceptAfter, deposit);
        if (sourceEarned == deposit) {
            vm.expectRevert(abi.encodeWithSelector(Errors.LeaseExhausted.selector, fromLease));
            acceptMove(otherOperator, fromLease);
            return;
        }
        uint256 next = _acceptAndCheck(sourceEarned, deposit, targetPrice);

        // Whatever happens next, the two engines and the pico share the deposit to the wei.
        skip(requestAfter);
        uint256 paid = claim(operator, source, ids(fromLease)) + claim(otherOperator, target, ids(next));
        vm.prank(pico);
        paid += escrow.close();
        paid += claim(otherOperator, target, ids(next));
        assertEq(paid, deposit, "nothing created or lost");
        assertEq(address(escrow).balance, 0, "nothing left behind");
    }

    function _acceptAndCheck(uint256 sourceEarned, uint256 depositBefore, uint256 targetPrice)
        internal
        returns (uint256 next)
    {
        next = acceptMove(otherOperator, fromLease);
        LeaseEscrow.LeaseView memory old = escrow.lease(fromLease);
        LeaseEscrow.LeaseView memory moved = escrow.lease(next);
        assertEq(old.deposit, sourceEarned, "the source is paid exactly up to the acceptance");
        assertEq(old.deposit + moved.deposit, depositBefore, "accrued at the source + carried == the deposit");
        assertEq(moved.pricePerHour, targetPrice, "at the price fixed at the request");
        assertEq(registry.engine(source).activeLeases, 0, "source slot freed");
        assertEq(registry.engine(target).activeLeases, 1, "one slot on the target");
    }

    function testFuzz_Halt_StopsAccrualAtTheHalt(
        uint256 price,
        uint256 deposit,
        uint256 beforeHalt,
        uint256 afterHalt,
        bool bySlash
    ) public {
        price = bound(price, 0, 1 ether);
        deposit = bound(deposit, _min(price, MIN_PREPAID), 100 ether);
        beforeHalt = bound(beforeHalt, 0, 1_000 hours);
        afterHalt = bound(afterHalt, 0, 10_000 hours);
        uint256 engineId = register(operator, MIN_STAKE, advertWith(price, 1));
        uint256 leaseId = openLease(engineId, deposit);
        skip(beforeHalt);
        if (bySlash) {
            vm.prank(arbiter);
            registry.arbiterSlash(engineId, keccak256("case"), 1, REASON_CID);
        } else {
            vm.prank(operator);
            registry.requestUnbond(engineId, 1);
        }
        skip(afterHalt);

        uint256 earned = _accrual(price, beforeHalt, deposit);
        assertEq(escrow.lease(leaseId).accrued, earned, "frozen at the halt");
        uint256 claimed = claim(operator, engineId, ids(leaseId));
        vm.prank(pico);
        uint256 refund = escrow.close();
        claimed += claim(operator, engineId, ids(leaseId));
        assertEq(claimed, earned, "the engine gets the hosting before the halt, no more");
        assertEq(refund, deposit - earned, "the pico gets everything after it");
    }

    function testFuzz_Halt_ANewEpochAccruesWhileTheOldStaysStopped(uint256 price, uint256 t1, uint256 t2, uint256 t3)
        public
    {
        price = bound(price, 1, 1 ether);
        t1 = bound(t1, 0, 100 hours);
        t2 = bound(t2, 0, 100 hours);
        t3 = bound(t3, 0, 100 hours);
        uint256 deposit = 200 * price;
        uint256 engineId = register(operator, MIN_STAKE, advertWith(price, 2));
        uint256 old = openLease(engineId, deposit);
        skip(t1);
        vm.prank(operator);
        registry.requestUnbond(engineId, 1);
        skip(t2);
        vm.prank(operator);
        registry.addStake{value: 1}(engineId);
        address pico2 = actor("pico2");
        vm.prank(pico2);
        uint256 fresh = escrow.openLease{value: deposit}(engineId, ANY_PRICE);
        skip(t3);
        assertEq(escrow.lease(old).accrued, _accrual(price, t1, deposit), "the old epoch stopped at the halt");
        assertEq(escrow.lease(fresh).accrued, _accrual(price, t3, deposit), "the new one accrues from its start");
        assertEq(
            claim(operator, engineId, ids(old, fresh)),
            _accrual(price, t1, deposit) + _accrual(price, t3, deposit),
            "claimed together, each its own"
        );
    }

    function testFuzz_OpenLease_TheMinimumDepositIsTheBoundary(uint256 price, uint256 period) public {
        price = bound(price, 0, 1 ether);
        period = bound(period, 1 minutes, 30 days);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minPrepaidPeriod = uint32(period);
        deploy(p);
        uint256 engineId = register(operator, MIN_STAKE, advertWith(price, 1));
        uint256 min = _min(price, period);

        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidDeposit.selector, min - 1, min, MAX_DEPOSIT));
        openLease(engineId, min - 1);
        uint256 leaseId = openLease(engineId, min);
        // The smallest deposit buys the whole period: nobody can end the lease a second before it is over.
        skip(period - 1);
        uint256 accrued = _accrual(price, period - 1, min);
        assertTrue(accrued < min, "not exhausted before the period");
        vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotExhausted.selector, leaseId, min - accrued));
        escrow.expireLease(leaseId);
        skip(1);
        assertEq(escrow.lease(leaseId).accrued, price == 0 ? 0 : _accrual(price, period, min), "the period paid");
    }

    function testFuzz_ExpireLease_OnlyOnceExhausted(uint256 price, uint256 deposit, uint256 elapsed) public {
        price = bound(price, 1, 1 ether);
        deposit = bound(deposit, _min(price, MIN_PREPAID), 100 ether);
        elapsed = bound(elapsed, 0, 200_000 hours);
        uint256 engineId = register(operator, MIN_STAKE, advertWith(price, 1));
        uint256 leaseId = openLease(engineId, deposit);
        skip(elapsed);
        uint256 accrued = _accrual(price, elapsed, deposit);
        vm.prank(stranger);
        if (accrued < deposit) {
            vm.expectRevert(abi.encodeWithSelector(Errors.LeaseNotExhausted.selector, leaseId, deposit - accrued));
            escrow.expireLease(leaseId);
            return;
        }
        escrow.expireLease(leaseId);
        assertEq(registry.engine(engineId).activeLeases, 0, "slot freed");
        assertEq(claim(operator, engineId, ids(leaseId)), deposit, "the engine earned it all");
    }

    /// @dev Whenever the halt came, and whether or not the engine resumed since, anyone ends the stopped lease:
    /// the engine keeps exactly what accrued by the halt, the pico is credited exactly the rest and withdraws it.
    /// A deposit that ran out by the halt ends Exhausted, one with some left Stopped.
    function testFuzz_ExpireLease_AfterAHaltSplitsTheDepositAtTheHalt(
        uint256 price,
        uint256 deposit,
        uint256 beforeHalt,
        uint256 afterHalt,
        bool resumed
    ) public {
        price = bound(price, 0, 1 ether);
        deposit = bound(deposit, _min(price, MIN_PREPAID), 100 ether);
        beforeHalt = bound(beforeHalt, 0, 1_000 hours);
        afterHalt = bound(afterHalt, 1, 10_000 hours);
        uint256 engineId = register(operator, MIN_STAKE, advertWith(price, 1));
        uint256 leaseId = openLease(engineId, deposit);
        skip(beforeHalt);
        vm.prank(operator);
        registry.requestUnbond(engineId, 1);
        if (resumed) {
            vm.prank(operator);
            registry.addStake{value: 1}(engineId);
        }
        skip(afterHalt);

        uint256 earned = _accrual(price, beforeHalt, deposit);
        uint256 rest = deposit - earned;
        uint256 picoBefore = pico.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(
            leaseId,
            engineId,
            pico,
            rest == 0 ? ILeaseEscrow.EndReason.Exhausted : ILeaseEscrow.EndReason.Stopped,
            earned,
            rest
        );
        vm.prank(stranger);
        assertEq(escrow.expireLease(leaseId), rest, "the rest, credited");
        assertEq(escrow.refundOf(pico), rest, "to the pico");
        assertEq(pico.balance, picoBefore, "not pushed");
        assertEq(registry.engine(engineId).activeLeases, 0, "slot freed");
        assertEq(claim(operator, engineId, ids(leaseId)), earned, "the engine keeps what accrued by the halt");
        if (rest > 0) {
            vm.prank(pico);
            escrow.withdrawRefund();
        }
        assertEq(pico.balance, picoBefore + rest, "the pico withdrew the rest");
        assertEq(address(escrow).balance, 0, "nothing left behind");
    }

    function testFuzz_Signatures_HoldUntilTheirDeadline(uint256 deadline, uint256 wait) public {
        deadline = bound(deadline, START - 1 days, START + 365 days);
        wait = bound(wait, 0, 400 days);
        uint256 engineId = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        bytes memory sig = signRequest(PICO_KEY, escrow.OPEN_LEASE_TYPEHASH(), pico, engineId, PRICE, deadline);
        skip(wait);
        vm.prank(sponsor);
        if (block.timestamp > deadline) {
            vm.expectRevert(abi.encodeWithSelector(Errors.SignatureExpired.selector, deadline, block.timestamp));
            escrow.openLeaseFor{value: DEPOSIT}(pico, engineId, PRICE, deadline, sig);
            return;
        }
        escrow.openLeaseFor{value: DEPOSIT}(pico, engineId, PRICE, deadline, sig);
        assertEq(escrow.currentLease(pico).engineId, engineId, "opened for the pico");
        assertEq(escrow.nonces(pico), 1, "nonce used");
    }

    function testFuzz_Signatures_AnyOtherKeyFails(uint256 key) public {
        key = bound(key, 1, SECP256K1_ORDER - 1);
        vm.assume(key != PICO_KEY);
        uint256 engineId = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory sig = signRequest(key, escrow.OPEN_LEASE_TYPEHASH(), pico, engineId, PRICE, deadline);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        vm.prank(sponsor);
        escrow.openLeaseFor{value: DEPOSIT}(pico, engineId, PRICE, deadline, sig);
    }
}
