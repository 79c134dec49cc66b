// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";

contract MarketFuzzTest is Base {
    function testFuzz_RegisterAcceptsEveryValidAdvert(uint256 stake, uint256 price, uint32 capacity, uint8 endpointLength)
        public
    {
        stake = _bound(stake, MIN_STAKE, 10_000 ether);
        price = _bound(price, 0, type(uint72).max);
        capacity = uint32(_bound(capacity, 1, type(uint24).max));
        IEngineRegistry.Advert memory a = advertWith(price, capacity);
        a.endpoint = _string(_bound(endpointLength, 1, 255));

        uint256 id = _register(operator, stake, a);
        EngineRegistry.EngineView memory e = registry.engine(id);
        vm.assertEq(e.stake, stake, "stake");
        vm.assertEq(e.pricePerHour, price, "price");
        vm.assertEq(e.capacity, capacity, "capacity");
        vm.assertEq(e.advertHash, keccak256(abi.encode(a)), "hash");
    }

    function testFuzz_RevertWhen_StakeBelowMinimum(uint256 stake) public {
        stake = _bound(stake, 0, MIN_STAKE - 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.InsufficientStake.selector, stake, MIN_STAKE));
        _register(operator, stake);
    }

    function testFuzz_AccrualIsPriceTimesTimeCappedAtDeposit(uint256 price, uint256 deposit, uint256 elapsed) public {
        price = _bound(price, 0, 100 ether);
        deposit = _bound(deposit, 1, 1_000 ether);
        elapsed = _bound(elapsed, 0, 3_650 days);
        uint256 engine = _register(operator, MIN_STAKE, advertWith(price, 1));
        uint256 leaseId = _open(engine, deposit);
        vm.warp(block.timestamp + elapsed);

        uint256 due = price * elapsed / 1 hours;
        uint256 expected = due < deposit ? due : deposit;
        vm.assertEq(escrow.lease(leaseId).accrued, expected, "accrued");

        uint256 refundBefore = payer.balance;
        vm.prank(payer);
        escrow.close(leaseId);
        uint256[] memory ids = new uint256[](1);
        ids[0] = leaseId;
        vm.prank(operator);
        uint256 claimed = escrow.claim(ids);
        vm.assertEq(claimed + (payer.balance - refundBefore), deposit, "claim plus refund is the deposit");
    }

    function testFuzz_SlashTakesItsShareFromStakeThenUnbonding(uint256 stake, uint256 unbond, uint256 bps) public {
        stake = _bound(stake, MIN_STAKE, 10_000 ether);
        unbond = _bound(unbond, 0, stake);
        bps = _bound(bps, 1, MAX_ARBITER_BPS);
        uint256 id = _register(operator, stake);
        if (unbond > 0) {
            vm.prank(operator);
            registry.requestUnbond(id, unbond);
        }
        vm.prank(arbiter);
        uint256 slashed = registry.arbiterSlash(id, bps, "bafkreicase");

        EngineRegistry.EngineView memory e = registry.engine(id);
        vm.assertEq(slashed, stake * bps / 10_000, "share of everything at stake");
        vm.assertEq(e.stake + e.unbonding + slashed, stake, "nothing created or lost");
        vm.assertEq(registry.payoutOf(treasury), slashed, "to the treasury");
    }

    function testFuzz_MoveConservesTheDeposit(uint256 deposit, uint256 elapsed) public {
        deposit = _bound(deposit, 1 gwei, 100 ether);
        elapsed = _bound(elapsed, 0, 1_000 hours);
        uint256 a = _register(operator, MIN_STAKE, advertWith(PRICE, 1));
        uint256 b = _register(otherOperator, MIN_STAKE, advertWith(3 * PRICE, 1));
        uint256 leaseId = _open(a, deposit);
        vm.warp(block.timestamp + elapsed);
        uint256 accrued = escrow.lease(leaseId).accrued;
        vm.assume(accrued < deposit);

        vm.prank(payer);
        uint256 next = escrow.moveLease(leaseId, b);
        vm.assertEq(escrow.lease(leaseId).deposit + escrow.lease(next).deposit, deposit, "deposit conserved");
        vm.assertEq(escrow.lease(leaseId).deposit, accrued, "old engine keeps what accrued");
    }
}
